from django.urls import include, path

from accounts.api import auth as api
from accounts.twofactor.api import ReauthView

urlpatterns = [
    path("auth/register/", api.RegisterView.as_view(), name="api-register"),
    path("auth/verify-email/", api.VerifyEmailView.as_view(), name="api-verify-email"),
    path(
        "auth/verify-email/resend/",
        api.VerifyEmailResendView.as_view(),
        name="api-verify-email-resend",
    ),
    path("auth/password-reset/", api.PasswordResetView.as_view(), name="api-password-reset"),
    path(
        "auth/password-reset/confirm/",
        api.PasswordResetConfirmView.as_view(),
        name="api-password-reset-confirm",
    ),
    path("auth/token/", api.TokenObtainView.as_view(), name="api-token"),
    path("auth/token/refresh/", api.TokenRefreshRotateView.as_view(), name="api-token-refresh"),
    path("auth/logout/", api.LogoutView.as_view(), name="api-logout"),
    path("auth/reauth/", ReauthView.as_view(), name="api-reauth"),
    path("me/", api.MeView.as_view(), name="api-me"),
    path("", include("accounts.api.profile")),
    path("", include("accounts.api.bank")),
    path("", include("accounts.screening.api")),
]
