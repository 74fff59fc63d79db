from django.urls import include, path

urlpatterns = [
    path("", include("repayments.webhooks")),
    path("", include("repayments.api.statements")),
    path("", include("repayments.api.exits")),
    path("", include("repayments.api.payments")),
    path("", include("repayments.api.waivers")),
    path("", include("repayments.api.servicing")),
]
