"""The borrower's loan pages (namespace "borrower"); the KFS page stays at loans:kfs."""

from django.urls import path

from loans.views import borrower, borrower_loan
from repayments import views_exit, views_pay

app_name = "borrower"
urlpatterns = [
    path("dashboard/", borrower.dashboard, name="dashboard"),
    path("apply/", borrower.apply, name="apply"),
    path("apply/preview/", borrower.apply_preview, name="apply_preview"),
    path("applications/<int:pk>/", borrower.application_page, name="application"),
    path(
        "applications/<int:pk>/submit/",
        borrower.application_submit_page,
        name="application_submit",
    ),
    path("loans/<int:pk>/", borrower_loan.loan_page, name="loan"),
    path("loans/<int:pk>/exit/", views_exit.exit_request_page, name="exit"),
    path("loans/<int:pk>/statement/", borrower_loan.statement, name="statement"),
    path(
        "loans/<int:pk>/no-dues-certificate/",
        borrower_loan.no_dues_certificate,
        name="no_dues_certificate",
    ),
    path("loans/<int:pk>/pay/", views_pay.pay_page, name="pay"),
]
