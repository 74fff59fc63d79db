"""Every borrower page, under the namespaces the pages had before they moved here, so
every URL name and path stayed the same: "accounts" (sign-in, sign-up, profile, KYC, bank
account), "privacy", "notifications", "loans" (calculator and KFS) and "borrower" (the
dashboard, applications and loans)."""

from django.urls import include, path

from portal.views import (
    auth,
    bank,
    borrower,
    calculator,
    exit,
    home,
    kfs,
    loan,
    mandates,
    messages,
    notifications,
    pay,
    privacy,
    profile,
    referrals,
)

account_pages = [
    path("login/", auth.LoginView.as_view(), name="login"),
    path("logout/", auth.LogoutView.as_view(), name="logout"),
    path("register/", auth.register, name="register"),
    path("register/done/", auth.register_done, name="register_done"),
    path("verify-email/resend/", auth.verify_email_resend, name="verify_email_resend"),
    path("verify-email/sent/", auth.verify_email_sent, name="verify_email_sent"),
    path("verify-email/<str:token>/", auth.verify_email, name="verify_email"),
    path("password-reset/", auth.password_reset, name="password_reset"),
    path("password-reset/sent/", auth.password_reset_sent, name="password_reset_sent"),
    path(
        "password-reset/<str:token>/",
        auth.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("profile/", profile.profile, name="profile"),
    path("kyc/", profile.kyc, name="kyc"),
    path("kyc/<int:pk>/file/", profile.kyc_file, name="kyc_file"),
    path("bank-account/", bank.bank_account, name="bank_account"),
]

privacy_pages = [
    path("", privacy.privacy_home, name="home"),
    path("consents/", privacy.consent_update, name="consent_update"),
    path("export/", privacy.data_export, name="export"),
    path("erasure/", privacy.erasure, name="erasure"),
]

notification_pages = [path("", notifications.notification_list, name="list")]

# Conversations with the lender (messaging): borrowers, and staff opening a file or thread.
message_pages = [
    path("", messages.thread_list, name="threads"),
    path("start/", messages.thread_start, name="start"),
    path("<int:pk>/", messages.thread_page, name="thread"),
    path("<int:pk>/<int:message_pk>/report/", messages.message_report_page, name="report"),
    path("<int:pk>/<int:message_pk>/file/", messages.attachment, name="attachment"),
]

# The calculator and the KFS were loans' pages; their names stay loans:calculator, loans:kfs.
product_pages = [
    path("calculator/", calculator.calculator, name="calculator"),
    path("applications/<int:pk>/kfs/", kfs.kfs_page, name="kfs"),
]

borrower_pages = [
    path("dashboard/", borrower.dashboard, name="dashboard"),
    path("apply/", borrower.apply, name="apply"),
    path("apply/preview/", borrower.apply_preview, name="apply_preview"),
    path("applications/<int:pk>/", borrower.application_page, name="application"),
    path(
        "applications/<int:pk>/submit/",
        borrower.application_submit_page,
        name="application_submit",
    ),
    path("loans/<int:pk>/", loan.loan_page, name="loan"),
    path("loans/<int:pk>/exit/", exit.exit_request_page, name="exit"),
    path(
        "loans/<int:pk>/addendum/<int:reschedule_id>/accept/",
        loan.addendum_accept,
        name="addendum_accept",
    ),
    path("loans/<int:pk>/statement/", loan.statement, name="statement"),
    path(
        "loans/<int:pk>/no-dues-certificate/",
        loan.no_dues_certificate,
        name="no_dues_certificate",
    ),
    path("loans/<int:pk>/pay/", pay.pay_page, name="pay"),
    path("loans/<int:pk>/auto-debit/", mandates.mandate_setup, name="mandate_setup"),
    path(
        "loans/<int:pk>/auto-debit/<int:mandate_id>/cancel/",
        mandates.mandate_cancel_page,
        name="mandate_cancel",
    ),
    path(
        "sandbox-bank/mandates/<str:reference>/", mandates.sandbox_bank, name="mandate_sandbox_bank"
    ),
    path("referrals/", referrals.referrals_page, name="referrals"),
]

urlpatterns = [
    path("", home.home, name="home"),
    path("accounts/", include((account_pages, "accounts"))),
    path("privacy/", include((privacy_pages, "privacy"))),
    path("notifications/", include((notification_pages, "notifications"))),
    path("messages/", include((message_pages, "messages"))),
    path("", include((product_pages, "loans"))),
    path("", include((borrower_pages, "borrower"))),
]
