"""Shapes of the auth API. Only the shape is checked here (required, email format, length);
every rule about the content (password policy, phone number, tokens) is in
accounts.services.auth, which pages call too."""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework_simplejwt.serializers import TokenObtainPairSerializer

from accounts.models import User
from accounts.twofactor.drf import SecondFactorTokenMixin
from accounts.validators import PHONE_RE


def _password_lengths() -> dict:
    # What the configured password validators enforce, told to the schema (not enforced
    # here: the validators say it in plain words).
    lengths = {}
    for validator in settings.AUTH_PASSWORD_VALIDATORS:
        options = validator.get("OPTIONS", {})
        if validator["NAME"].endswith("MinimumLengthValidator"):
            lengths["minLength"] = options.get("min_length", 8)
        if validator["NAME"].endswith("MaximumLengthValidator"):
            lengths["maxLength"] = options.get("max_length", 128)
    return lengths


@extend_schema_field({"type": "string", "format": "password", **_password_lengths()})
class PasswordField(serializers.CharField):
    pass


@extend_schema_field({"type": "string", "pattern": PHONE_RE.pattern, "example": "9876543210"})
class PhoneField(serializers.CharField):
    """The schema states the mobile-number rule (accounts.validators.PHONE_RE); the service
    applies it, and also accepts blanks and dashes between the digits."""


def _password_field(**kwargs) -> serializers.CharField:
    # No max_length: the password validators own the length rule and say it in plain words.
    return PasswordField(
        write_only=True, trim_whitespace=False, style={"input_type": "password"}, **kwargs
    )


class RegisterSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = _password_field()
    full_name = serializers.CharField(max_length=150)
    phone = PhoneField(max_length=20)
    referral_code = serializers.CharField(
        max_length=20,
        required=False,
        allow_blank=True,
        help_text="A friend's referral code (e.g. 7K3M-Q9TX-2HBR); recorded once, at sign-up.",
    )


class EmailSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=100)


class PasswordResetConfirmSerializer(serializers.Serializer):
    token = serializers.CharField(max_length=100)
    password = _password_field()


class RefreshSerializer(serializers.Serializer):
    refresh = serializers.CharField()


class DetailSerializer(serializers.Serializer):
    detail = serializers.CharField(read_only=True)


class EmailVerifiedSerializer(DetailSerializer):
    email_verified = serializers.BooleanField(read_only=True)


class EmailTokenObtainPairSerializer(SecondFactorTokenMixin, TokenObtainPairSerializer):
    """simplejwt's pair serializer (authenticate(request=...) so django-axes counts each
    failure), plus Django's user_logged_in signal, which simplejwt does not send: that is
    what writes the auth.login audit event and resets axes' failure count. Staff (and
    borrowers who opted in) also send `otp` (accounts.twofactor.drf)."""

    def validate(self, attrs):
        data = super().validate(attrs)
        request = self.context["request"]
        user_logged_in.send(sender=type(self.user), request=request, user=self.user)
        return data


class MeSerializer(serializers.ModelSerializer):
    roles = serializers.SerializerMethodField()
    email_verified = serializers.BooleanField(read_only=True)

    class Meta:
        model = User
        fields = ["id", "email", "full_name", "roles", "email_verified", "is_staff"]
        read_only_fields = fields

    def get_roles(self, user) -> list[str]:
        return user.roles
