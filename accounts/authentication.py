from drf_spectacular.contrib.rest_framework_simplejwt import SimpleJWTScheme
from rest_framework_simplejwt.authentication import JWTAuthentication as _JWTAuthentication
from rest_framework_simplejwt.exceptions import AuthenticationFailed

from accounts.twofactor.drf import bearer_token_check


class JWTAuthentication(_JWTAuthentication):
    """simplejwt, plus: an access token issued before the user's credentials last changed
    (password reset) is dead, so a reset ends API sessions too, not only browser ones."""

    def get_user(self, validated_token):
        user = super().get_user(validated_token)
        changed = user.credentials_changed_at
        issued = validated_token.get("iat")
        if changed is not None and issued is not None and issued < int(changed.timestamp()):
            raise AuthenticationFailed("Token issued before the password was changed.")
        bearer_token_check(user=user, token=validated_token)
        return user


class JWTScheme(SimpleJWTScheme):
    """OpenAPI: document this class as simplejwt's Bearer scheme (drf-spectacular registers
    the extension when this module is imported, i.e. before any schema is generated)."""

    target_class = "accounts.authentication.JWTAuthentication"
