from rest_framework_simplejwt.authentication import JWTAuthentication as _JWTAuthentication
from rest_framework_simplejwt.exceptions import AuthenticationFailed


class JWTAuthentication(_JWTAuthentication):
    """simplejwt, plus: an access token issued before the user's credentials last changed
    (password reset) is dead, so a reset ends API sessions too, not only browser ones."""

    def get_user(self, validated_token):
        user = super().get_user(validated_token)
        changed = user.credentials_changed_at
        issued = validated_token.get("iat")
        if changed is not None and issued is not None and issued < int(changed.timestamp()):
            raise AuthenticationFailed("Token issued before the password was changed.")
        return user
