"""Mandate and presentation endpoints (API.md, wave 2: GET/POST /api/v1/mandates/,
GET /api/v1/presentations/), and the adapters' signed callbacks.

/api/v1/mandates/                     GET   the caller's (borrower) or all (staff)
                                      POST  the borrower registers one on their loan
/api/v1/mandates/{id}/                GET
/api/v1/mandates/{id}/cancel/         POST  the borrower (their own) or an officer
/api/v1/mandates/{id}/pause/          POST  officers {code, note}
/api/v1/mandates/{id}/resume/         POST  officers
/api/v1/presentations/                GET   ?loan=&status=&batch=
/api/v1/mandates/webhooks/{adapter}/  POST  signed callbacks (no session, no JWT)

Someone else's mandate or loan is 404, never 403.
"""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.gates import borrower_first, permission_first
from lendingsite.errors import DomainError
from lendingsite.idempotency import IDEMPOTENCY_KEY_PARAMETER
from lendingsite.pagination import Pagination
from lendingsite.parsers import StrictJSONParser
from lendingsite.throttling import ScopedRateThrottle
from loans.models import Loan
from mandates import selectors
from mandates.adapters import adapter_get
from mandates.models import Mandate, Presentation
from mandates.serializers import (
    CancelSerializer,
    MandateCreatedSerializer,
    MandateCreateSerializer,
    MandateSerializer,
    PauseSerializer,
    PresentationSerializer,
)
from mandates.services import mandate_cancel, mandate_pause, mandate_register, mandate_resume
from mandates.services.lifecycle import PAUSE_PERM
from mandates.webhooks import mandate_webhook_receive


class MandateViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = MandateSerializer
    queryset = Mandate.objects.none()
    pagination_class = Pagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        qs = selectors.mandates_for(self.request.user).order_by("-id")
        loan = self.request.query_params.get("loan")
        return qs.filter(loan_id=loan) if loan and loan.isdigit() else qs

    def _officer_first(self, request, mandate, action: str) -> None:
        """403 before the body is read for anyone who is neither the owner nor an officer."""
        permission_first(
            acting_user=request.user,
            perm=PAUSE_PERM,
            message="Only officers can do this to a mandate.",
            action=action,
            target=mandate,
        )

    @extend_schema(
        request=MandateCreateSerializer,
        responses={
            201: MandateCreatedSerializer,
            404: OpenApiResponse(description="problem+json: no such loan, or not the caller's"),
        },
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    def create(self, request):
        """Register an auto-debit mandate on the caller's loan (their verified account).
        409 account_not_verified, 409 duplicate (a mandate is live), 404 someone else's loan."""
        # Who may, before the body is read: staff do not register mandates (403).
        borrower_first(acting_user=request.user, action="mandate.register_refused")
        body = MandateCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = body.validated_data
        loan = Loan.objects.filter(pk=data.pop("loan"), borrower=request.user).first()
        if loan is None:
            raise DomainError("not_found", "No such loan.")
        mandate = mandate_register(acting_user=request.user, loan=loan, **data)
        mandate.approval_url = request.build_absolute_uri(
            adapter_get(mandate.adapter).approval_url(mandate)
        )
        return Response(MandateCreatedSerializer(mandate).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=CancelSerializer,
        responses={200: MandateSerializer},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def cancel(self, request, pk=None):
        mandate = self.get_object()
        if mandate.loan.borrower_id != request.user.pk:
            self._officer_first(request, mandate, "mandate.cancel_refused")
        body = CancelSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        mandate = mandate_cancel(acting_user=request.user, mandate=mandate, **body.validated_data)
        return Response(MandateSerializer(mandate).data)

    @extend_schema(
        request=PauseSerializer,
        responses={200: MandateSerializer},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def pause(self, request, pk=None):
        mandate = self.get_object()
        self._officer_first(request, mandate, "mandate.pause_refused")
        body = PauseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        mandate = mandate_pause(acting_user=request.user, mandate=mandate, **body.validated_data)
        return Response(MandateSerializer(mandate).data)

    @extend_schema(
        request=None, responses={200: MandateSerializer}, parameters=[IDEMPOTENCY_KEY_PARAMETER]
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def resume(self, request, pk=None):
        mandate = mandate_resume(acting_user=request.user, mandate=self.get_object())
        return Response(MandateSerializer(mandate).data)


class PresentationViewSet(
    mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet
):
    serializer_class = PresentationSerializer
    queryset = Presentation.objects.none()
    pagination_class = Pagination

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        qs = selectors.presentations_for(self.request.user).order_by("-id")
        params = self.request.query_params
        for name in ("loan", "batch"):
            if (params.get(name) or "").isdigit():
                qs = qs.filter(**{f"{name}_id": params[name]})
        if params.get("status"):
            qs = qs.filter(status=params["status"])
        return qs


class MandateWebhookView(APIView):
    """Signed callbacks from mandate adapters: the signature is the authentication."""

    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [ScopedRateThrottle]
    throttle_scope = "webhooks"
    parser_classes = [StrictJSONParser]

    @extend_schema(
        operation_id="mandates_webhook",
        request=OpenApiTypes.OBJECT,
        responses={
            200: OpenApiResponse(description="applied, or a duplicate that changed nothing"),
            400: OpenApiResponse(description="problem+json: unreadable notice"),
            401: OpenApiResponse(description="problem+json: bad signature or stale timestamp"),
            404: OpenApiResponse(
                description="problem+json: unknown adapter, mandate or presentation"
            ),
        },
        auth=[],
    )
    def post(self, request, adapter: str):
        result = mandate_webhook_receive(
            adapter=adapter, headers=request.headers, body=request.body
        )
        return Response({"status": result})
