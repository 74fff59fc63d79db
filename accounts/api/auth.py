"""Auth API (API.md "Auth"): thin views over accounts.services.auth. Refusals come back as
problem+json through lendingsite.problems; nothing here decides anything."""

from drf_spectacular.utils import OpenApiExample, extend_schema
from rest_framework import status
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.generics import RetrieveAPIView
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.views import TokenObtainPairView, TokenRefreshView

from accounts.auth_hooks import axes_lockout_response
from accounts.serializers import auth as s
from accounts.services import auth
from lendingsite.throttling import AnonRateThrottle, ScopedRateThrottle

REGISTERED = (
    "Thanks. We have sent an email to the address you gave. Follow the link in it to "
    "confirm your address; you need to do that before you can apply for a loan."
)
LINK_SENT = (
    "If that address has an account that needs it, we have sent an email with a link. "
    "It can take a few minutes to arrive; check your spam folder too."
)


class AnonymousAuthEndpoint:
    """Open to anyone, so throttled per client ("auth" scope) on top of the per-address
    email quotas; no session authentication, so no CSRF token is needed."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [AnonRateThrottle, ScopedRateThrottle]
    throttle_scope = "auth"

    def handle_exception(self, exc):
        response = super().handle_exception(exc)
        retry_after = getattr(exc, "retry_after", None)
        if retry_after:
            response["Retry-After"] = str(retry_after)
        return response


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class RegisterView(AnonymousAuthEndpoint, APIView):
    @extend_schema(
        request=s.RegisterSerializer,
        responses={201: s.DetailSerializer},
        examples=[
            OpenApiExample(
                "A borrower",
                value={
                    "email": "asha.rao@example.com",
                    "password": "monsoon-ledger-trellis-42",
                    "full_name": "Asha Rao",
                    "phone": "9876543210",
                },
                request_only=True,
            )
        ],
    )
    def post(self, request):
        auth.user_register(**_valid(s.RegisterSerializer, request))
        return Response({"detail": REGISTERED}, status=status.HTTP_201_CREATED)


class VerifyEmailView(AnonymousAuthEndpoint, APIView):
    @extend_schema(request=s.TokenSerializer, responses={200: s.EmailVerifiedSerializer})
    def post(self, request):
        auth.email_verify(**_valid(s.TokenSerializer, request))
        return Response({"detail": "Your email address is confirmed.", "email_verified": True})


class VerifyEmailResendView(AnonymousAuthEndpoint, APIView):
    @extend_schema(request=s.EmailSerializer, responses={202: s.DetailSerializer})
    def post(self, request):
        auth.email_verification_resend(**_valid(s.EmailSerializer, request))
        return Response({"detail": LINK_SENT}, status=status.HTTP_202_ACCEPTED)


class PasswordResetView(AnonymousAuthEndpoint, APIView):
    @extend_schema(request=s.EmailSerializer, responses={202: s.DetailSerializer})
    def post(self, request):
        auth.password_reset_request(**_valid(s.EmailSerializer, request))
        return Response({"detail": LINK_SENT}, status=status.HTTP_202_ACCEPTED)


class PasswordResetConfirmView(AnonymousAuthEndpoint, APIView):
    @extend_schema(request=s.PasswordResetConfirmSerializer, responses={200: s.DetailSerializer})
    def post(self, request):
        auth.password_reset_confirm(**_valid(s.PasswordResetConfirmSerializer, request))
        return Response(
            {"detail": "Your password has been changed. Sign in again with the new one."}
        )


class TokenObtainView(AnonymousAuthEndpoint, TokenObtainPairView):
    serializer_class = s.EmailTokenObtainPairSerializer

    def post(self, request, *args, **kwargs):
        try:
            return super().post(request, *args, **kwargs)
        except AuthenticationFailed:
            # django-axes flags the DRF request it was given, which its middleware (looking
            # at the Django request) never sees; answer the lockout here instead.
            if getattr(request, "axes_locked_out", False):
                return axes_lockout_response(request)
            raise


class TokenRefreshRotateView(AnonymousAuthEndpoint, TokenRefreshView):
    pass


class LogoutView(AnonymousAuthEndpoint, APIView):
    """Holding the refresh token is the proof: an expired access token must not stop a
    client from logging out."""

    @extend_schema(request=s.RefreshSerializer, responses={204: None})
    def post(self, request):
        auth.refresh_token_revoke(**_valid(s.RefreshSerializer, request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeView(RetrieveAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = s.MeSerializer

    def get_object(self):
        return self.request.user
