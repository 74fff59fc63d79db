"""Test-only urlconf: the real site plus tiny API views that fail in every way an API can,
so the problem+json contract is tested without depending on any app's endpoints."""

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import path
from rest_framework import authentication, permissions, serializers, throttling
from rest_framework.response import Response
from rest_framework.views import APIView

from lendingsite.errors import DomainError
from lendingsite.urls import handler400, handler403, handler404, handler500  # noqa: F401
from lendingsite.urls import urlpatterns as site_urlpatterns


class SignedInView(APIView):
    def get(self, request):
        return Response({"email": request.user.email})


class SessionOnlyView(APIView):
    authentication_classes = [authentication.SessionAuthentication]

    def get(self, request):
        return Response({"email": request.user.email})


class DenyAll(permissions.BasePermission):
    message = "Only the head of credit may do this."

    def has_permission(self, request, view):
        return False


class DeniedView(APIView):
    permission_classes = [DenyAll]

    def get(self, request):
        return Response({})


class PaymentSerializer(serializers.Serializer):
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, min_value=1)
    utr = serializers.CharField(max_length=22)


class ValidatingView(APIView):
    permission_classes = [permissions.AllowAny]

    def post(self, request):
        serializer = PaymentSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(serializer.validated_data, status=201)


class MissingView(APIView):
    permission_classes = [permissions.AllowAny]

    def get(self, request):
        raise Http404("no such loan")


class ReadOnlyView(APIView):
    permission_classes = [permissions.AllowAny]

    def get(self, request):
        return Response({"ok": True})


class OnePerMinute(throttling.AnonRateThrottle):
    rate = "1/min"


class ThrottledView(APIView):
    permission_classes = [permissions.AllowAny]
    throttle_classes = [OnePerMinute]

    def get(self, request):
        return Response({"ok": True})


class BrokenView(APIView):
    permission_classes = [permissions.AllowAny]

    def get(self, request):
        raise RuntimeError("the ledger exploded")


class RefusingView(APIView):
    permission_classes = [permissions.AllowAny]

    def post(self, request):
        raise DomainError(
            "loan_not_active",
            "Loan 7 is closed; payments can only be posted to active loans.",
            errors={"loan": ["not active"]},
        )


def plain_forbidden(request):
    raise PermissionDenied


def plain_broken(request):
    raise RuntimeError("a page exploded")


def plain_ok(request):
    return HttpResponse("<p>ok</p>")


urlpatterns = [
    path("api/v1/test/signed-in/", SignedInView.as_view()),
    path("api/v1/test/session-only/", SessionOnlyView.as_view()),
    path("api/v1/test/denied/", DeniedView.as_view()),
    path("api/v1/test/validating/", ValidatingView.as_view()),
    path("api/v1/test/missing/", MissingView.as_view()),
    path("api/v1/test/read-only/", ReadOnlyView.as_view()),
    path("api/v1/test/throttled/", ThrottledView.as_view()),
    path("api/v1/test/broken/", BrokenView.as_view()),
    path("api/v1/test/refusing/", RefusingView.as_view()),
    path("api/v1/test/plain-forbidden/", plain_forbidden),
    path("test/plain-broken/", plain_broken),
    path("test/plain-ok/", plain_ok),
    *site_urlpatterns,
]
