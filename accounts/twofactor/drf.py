"""API side of the second-factor rule: a staff bearer token must have been issued after a
code (the `mfa` claim), and a staff browser session must have given one; otherwise
401 `mfa_required`. Token issue itself asks for the code (SecondFactorTokenMixin)."""

from django.contrib.auth.models import update_last_login
from drf_spectacular.authentication import SessionScheme
from rest_framework import serializers
from rest_framework.authentication import SessionAuthentication
from rest_framework_simplejwt.serializers import TokenObtainSerializer
from rest_framework_simplejwt.settings import api_settings as jwt_settings

from accounts.twofactor.policy import (
    MFA_CLAIM,
    OPTED_IN_SESSION_KEY,
    is_staff_user,
    second_factor_required,
)
from accounts.twofactor.services import second_factor_require, token_claims_add
from lendingsite.errors import DomainError

MFA_MISSING = (
    "This staff account must sign in with a second factor. Get a new token from "
    "/api/v1/auth/token/ with the current authenticator code in `otp`."
)


def bearer_token_check(*, user, token) -> None:
    if is_staff_user(user) and not token.get(MFA_CLAIM):
        raise DomainError("mfa_required", MFA_MISSING)


class VerifiedSessionAuthentication(SessionAuthentication):
    def authenticate(self, request):
        result = super().authenticate(request)
        if result is None:
            return None
        user = result[0]
        needs = is_staff_user(user) or request.session.get(OPTED_IN_SESSION_KEY)
        if needs and not user.is_verified():
            raise DomainError(
                "mfa_required",
                "Enter the code from your authenticator app at /accounts/2fa/verify/ first.",
            )
        return result


class VerifiedSessionScheme(SessionScheme):
    """OpenAPI: the same cookie scheme as DRF's session authentication."""

    target_class = "accounts.twofactor.drf.VerifiedSessionAuthentication"


class SecondFactorTokenMixin:
    """For TokenObtainPairSerializer: after the password, staff (and borrowers who opted
    in) must send `otp`; the tokens then carry the `mfa` claim."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["otp"] = serializers.CharField(
            required=False, allow_blank=True, max_length=32, write_only=True
        )

    def validate(self, attrs):
        data = TokenObtainSerializer.validate(self, attrs)  # password (axes counts failures)
        mfa = second_factor_required(self.user)
        if mfa:
            second_factor_require(user=self.user, code=attrs.get("otp"))
        refresh = self.get_token(self.user)
        if mfa:
            token_claims_add(user=self.user, token=refresh)
        data["refresh"] = str(refresh)
        data["access"] = str(refresh.access_token)
        if jwt_settings.UPDATE_LAST_LOGIN:
            update_last_login(None, self.user)
        return data
