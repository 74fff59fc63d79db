"""Charges and their waivers (API.md, "Resources added in wave 2"): thin views over
repayments.services.waivers. Who may propose or decide, maker-checker and the amounts are
the services' rules; a view only parses, calls and serializes.

/api/v1/charges/                 GET  paginated; ?loan=, ?kind=, ?status=
/api/v1/charges/{id}/            GET
/api/v1/charges/{id}/waive/      POST {reason[, amount]} finance → 201, the proposed waiver
/api/v1/waivers/                 GET  paginated; ?status=, ?loan=, ?charge=
/api/v1/waivers/{id}/            GET
/api/v1/waivers/{id}/approve/    POST {[note]} finance, not the proposer → 200
/api/v1/waivers/{id}/reject/     POST {note} finance, not the proposer → 200

Staff with the view permission see every charge and waiver; a borrower sees those of their
own loans; anyone else's is a 404, never a 403. Idempotency-Key works on the POSTs as on
every unsafe call (lendingsite.idempotency).
"""

import django_filters.rest_framework as filters
from django.urls import include, path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from accounts.twofactor.reauth import reauth_required
from lendingsite.idempotency import IDEMPOTENCY_KEY_PARAMETER
from repayments.models import Charge, ChargeKind, ChargeStatus, ChargeWaiver, WaiverStatus
from repayments.selectors import charges_for, waivers_for
from repayments.serializers.waivers import (
    ChargeSerializer,
    WaiverDecisionSerializer,
    WaiverRejectSerializer,
    WaiverSerializer,
    WaiveSerializer,
)
from repayments.services.waivers import (
    charge_waiver_approve,
    charge_waiver_propose,
    charge_waiver_reject,
)

PROBLEM = OpenApiResponse(description="problem+json (see API.md Errors)")
REFUSALS = {400: PROBLEM, 403: PROBLEM, 404: PROBLEM, 409: PROBLEM}


class ChargeFilter(filters.FilterSet):
    loan = filters.NumberFilter(field_name="loan_id")
    kind = filters.ChoiceFilter(choices=ChargeKind.choices)
    status = filters.ChoiceFilter(choices=ChargeStatus.choices)

    class Meta:
        model = Charge
        fields = ["loan", "kind", "status"]


class WaiverFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=WaiverStatus.choices)
    loan = filters.NumberFilter(field_name="charge__loan_id")
    charge = filters.NumberFilter(field_name="charge_id")

    class Meta:
        model = ChargeWaiver
        fields = ["status", "loan", "charge"]


class ChargeViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ChargeSerializer
    filterset_class = ChargeFilter
    queryset = Charge.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return charges_for(self.request.user).order_by("-charged_on", "-id")

    @extend_schema(
        request=WaiveSerializer,
        responses={201: WaiverSerializer, **REFUSALS},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    @reauth_required
    def waive(self, request, pk=None):
        """Propose waiving a charge (finance), in full or `amount` of it, with a `reason`.
        Nothing moves until another finance officer approves it."""
        charge = self.get_object()
        incoming = WaiveSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        waiver = charge_waiver_propose(
            acting_user=request.user, charge=charge, **incoming.validated_data
        )
        return Response(WaiverSerializer(waiver).data, status=status.HTTP_201_CREATED)


class WaiverViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = WaiverSerializer
    filterset_class = WaiverFilter
    queryset = ChargeWaiver.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return waivers_for(self.request.user).order_by("-created_at", "-id")

    def _answer(self, waiver: ChargeWaiver) -> Response:
        fresh = self.get_queryset().get(pk=waiver.pk)  # the charge as the decision left it
        return Response(WaiverSerializer(fresh).data)

    @extend_schema(
        request=WaiverDecisionSerializer,
        responses={200: WaiverSerializer, **REFUSALS},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    @reauth_required
    def approve(self, request, pk=None):
        """Approve a proposed waiver (finance; not the person who proposed it: 403
        `maker_checker`). The charge's amount in force is lowered, the ledger entry booked
        and the loan's installments recomputed."""
        waiver = self.get_object()
        incoming = WaiverDecisionSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        waiver = charge_waiver_approve(
            acting_user=request.user, waiver=waiver, **incoming.validated_data
        )
        return self._answer(waiver)

    @extend_schema(
        request=WaiverRejectSerializer,
        responses={200: WaiverSerializer, **REFUSALS},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def reject(self, request, pk=None):
        """Reject a proposed waiver with a `note` (finance; not the proposer). Nothing
        moves."""
        waiver = self.get_object()
        incoming = WaiverRejectSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        waiver = charge_waiver_reject(
            acting_user=request.user, waiver=waiver, **incoming.validated_data
        )
        return self._answer(waiver)


router = SimpleRouter()
router.register("charges", ChargeViewSet, basename="charge")
router.register("waivers", WaiverViewSet, basename="waiver")
urlpatterns = [path("", include(router.urls))]
