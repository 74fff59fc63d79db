from django.urls import path

from accounts import views, views_bank, views_profile

app_name = "accounts"
urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("register/", views.register, name="register"),
    path("register/done/", views.register_done, name="register_done"),
    path("verify-email/resend/", views.verify_email_resend, name="verify_email_resend"),
    path("verify-email/sent/", views.verify_email_sent, name="verify_email_sent"),
    path("verify-email/<str:token>/", views.verify_email, name="verify_email"),
    path("password-reset/", views.password_reset, name="password_reset"),
    path("password-reset/sent/", views.password_reset_sent, name="password_reset_sent"),
    path(
        "password-reset/<str:token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("profile/", views_profile.profile, name="profile"),
    path("kyc/", views_profile.kyc, name="kyc"),
    path("kyc/<int:pk>/file/", views_profile.kyc_file, name="kyc_file"),
    path("bank-account/", views_bank.bank_account, name="bank_account"),
]
