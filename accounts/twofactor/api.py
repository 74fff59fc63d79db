"""POST /api/v1/auth/reauth/: password + code again; answers fresh tokens carrying the
re-authentication time (and marks a browser session too)."""

import time

from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.auth_hooks import axes_lockout_response
from accounts.twofactor.policy import REAUTH_SESSION_KEY, reauth_window_seconds
from accounts.twofactor.services import reauthenticate, token_claims_add
from lendingsite.throttling import ScopedRateThrottle, UserRateThrottle


class ReauthSerializer(serializers.Serializer):
    password = serializers.CharField(write_only=True, trim_whitespace=False)
    otp = serializers.CharField(write_only=True, max_length=32)


class ReauthAnswerSerializer(serializers.Serializer):
    access = serializers.CharField(read_only=True)
    refresh = serializers.CharField(read_only=True)
    reauth_valid_seconds = serializers.IntegerField(read_only=True)


class ReauthView(APIView):
    permission_classes = [IsAuthenticated]
    throttle_classes = [UserRateThrottle, ScopedRateThrottle]
    throttle_scope = "auth"

    @extend_schema(request=ReauthSerializer, responses={200: ReauthAnswerSerializer})
    def post(self, request):
        data = ReauthSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = request.user
        password = data.validated_data["password"]
        # authenticate(): django-axes counts a wrong password here as at the token endpoint.
        password_ok = authenticate(request=request, username=user.email, password=password)
        if password_ok is None and getattr(request, "axes_locked_out", False):
            return axes_lockout_response(request)
        reauthenticate(
            acting_user=user, password_ok=password_ok is not None, code=data.validated_data["otp"]
        )
        refresh = RefreshToken.for_user(user)
        token_claims_add(user=user, token=refresh, reauth=True)
        if getattr(request, "session", None) is not None and request.session.session_key:
            request.session[REAUTH_SESSION_KEY] = time.time()
        return Response(
            {
                "access": str(refresh.access_token),
                "refresh": str(refresh),
                "reauth_valid_seconds": reauth_window_seconds(),
            }
        )
