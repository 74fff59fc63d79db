"""Test-only urlconf for lendingsite/tests/test_idempotency.py: the real site plus dummy API
views that count their executions and write an audit row, so a second execution would show.
``gate`` lets a test hold a call in flight (``hold``) or slow it down (``delay``)."""

import threading
import time

from django.http import HttpResponse
from django.urls import path
from rest_framework import permissions
from rest_framework.response import Response
from rest_framework.views import APIView

from lendingsite.audit import audit_record
from lendingsite.errors import DomainError
from lendingsite.urls import handler400, handler403, handler404, handler500  # noqa: F401
from lendingsite.urls import urlpatterns as site_urlpatterns

EFFECT_ACTION = "test.idempotent_effect"

executions: list[str] = []
gate = {"delay": 0.0, "entered": threading.Event(), "release": threading.Event(), "hold": False}


def _execute(request, name: str) -> int:
    executions.append(name)
    audit_record(action=EFFECT_ACTION, target_type="test", after={"view": name})
    gate["entered"].set()
    if gate["hold"]:
        gate["release"].wait(timeout=30)
    time.sleep(gate["delay"])
    return len(executions)


class EffectView(APIView):
    permission_classes = [permissions.AllowAny]
    throttle_classes = []

    def _answer(self, request, status=201):
        n = _execute(request, f"effect {request.method}")
        body = {"execution": n, "method": request.method, "data": request.data}
        return Response(body, status=status, headers={"Location": f"/things/{n}/"})

    def post(self, request):
        return self._answer(request)

    def put(self, request):
        return self._answer(request, 200)

    def patch(self, request):
        return self._answer(request, 200)

    def delete(self, request):
        _execute(request, "effect DELETE")
        return Response(status=204)

    def get(self, request):
        _execute(request, "effect GET")
        return Response({"read": True})


class RefusingView(APIView):
    permission_classes = [permissions.AllowAny]
    throttle_classes = []

    def post(self, request):
        executions.append("refusing")
        raise DomainError("loan_not_active", "Loan 7 is closed.", errors={"loan": ["not active"]})


class BrokenView(APIView):
    permission_classes = [permissions.AllowAny]
    throttle_classes = []

    def post(self, request):
        executions.append("broken")
        raise RuntimeError("the ledger exploded")

    def put(self, request):
        executions.append("unavailable")
        return Response({"detail": "try later"}, status=503)


class PrivateView(APIView):
    throttle_classes = []

    def post(self, request):
        executions.append("private")
        return Response({}, status=201)


def page(request):
    executions.append("page")
    return HttpResponse("ok")


urlpatterns = [
    path("api/v1/test/idem/effect/", EffectView.as_view()),
    path("api/v1/test/idem/other/", EffectView.as_view()),
    path("api/v1/test/idem/refusing/", RefusingView.as_view()),
    path("api/v1/test/idem/broken/", BrokenView.as_view()),
    path("api/v1/test/idem/private/", PrivateView.as_view()),
    path("api/v1/payments/", EffectView.as_view()),  # stands in for the payments endpoint
    path("test/idem/page/", page),
    *site_urlpatterns,
]
