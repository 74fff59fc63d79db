"""Distress servicing (API.md, "Resources added in wave 2"): thin views over
repayments.services.servicing. Who may propose or decide and maker-checker are the
services' rules (403 `maker_checker` for the proposer approving their own).

/api/v1/loans/{id}/write-off/      POST {reason[, kind]} → 201, the proposal
/api/v1/loans/{id}/settlement/     POST {amount, reason[, installments, grace_days]} → 201
/api/v1/loans/{id}/restructure/    POST {annual_rate, tenure | installment, reason} → 201
/api/v1/reschedules/               GET  restructure addenda and moratoria applied (own for a
                                   borrower); /{id}/accept/ POST the borrower accepts → 200
/api/v1/moratoria/                 POST {name, start, installments, loans} → 201 (applied by
                                   the job); GET list
/api/v1/proposals/                 GET  paginated; ?status=, ?kind=, ?loan=
/api/v1/proposals/{id}/            GET
/api/v1/proposals/{id}/approve/    POST {[note]} another manager → 200 (carried out)
/api/v1/proposals/{id}/reject/     POST {note} another manager → 200

Proposals are staff business: anyone without the view permission sees none (404).
"""

import django_filters.rest_framework as filters
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.urls import include, path
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action, api_view, permission_classes
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from accounts.twofactor.reauth import reauth_required
from lendingsite.idempotency import IDEMPOTENCY_KEY_PARAMETER
from loans.models import Moratorium, Proposal, ProposalKind, ProposalStatus, Reschedule
from loans.selectors import loans_for
from repayments.serializers.servicing import (
    MoratoriumCreateSerializer,
    MoratoriumSerializer,
    ProposalDecisionSerializer,
    ProposalRejectSerializer,
    ProposalSerializer,
    RescheduleSerializer,
    RestructureProposeSerializer,
    SettlementProposeSerializer,
    WriteOffProposeSerializer,
)
from repayments.services.servicing.moratoria import moratorium_allowed, moratorium_create
from repayments.services.servicing.proposals import (
    proposal_approve,
    proposal_reject,
    propose_allowed,
)
from repayments.services.servicing.reschedules import loan_restructure_propose, restructure_accept
from repayments.services.servicing.settlements import loan_settlement_propose
from repayments.services.servicing.writeoffs import loan_write_off_propose
from repayments.tasks import moratorium_apply

PROBLEM = OpenApiResponse(description="problem+json (see API.md Errors)")
REFUSALS = {400: PROBLEM, 403: PROBLEM, 404: PROBLEM, 409: PROBLEM}
RESTRUCTURE_REFUSALS = {**REFUSALS, 422: PROBLEM}


def proposals_for(user):
    if user.has_perm("loans.view_proposal"):
        return Proposal.objects.all()
    return Proposal.objects.none()


class ProposalFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=ProposalStatus.choices)
    kind = filters.ChoiceFilter(choices=ProposalKind.choices)
    loan = filters.NumberFilter(field_name="loan_id")

    class Meta:
        model = Proposal
        fields = ["status", "kind", "loan"]


class ProposalViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = ProposalSerializer
    filterset_class = ProposalFilter
    queryset = Proposal.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return proposals_for(self.request.user).order_by("-created_at", "-id")

    @extend_schema(
        request=ProposalDecisionSerializer,
        responses={200: ProposalSerializer, **RESTRUCTURE_REFUSALS},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    @reauth_required
    def approve(self, request, pk=None):
        """Approve and carry out a proposal (a credit or collections manager who did not
        propose it: else 403 `maker_checker`)."""
        proposal = self.get_object()
        incoming = ProposalDecisionSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        proposal = proposal_approve(
            acting_user=request.user, proposal=proposal, **incoming.validated_data
        )
        return Response(ProposalSerializer(proposal).data)

    @extend_schema(
        request=ProposalRejectSerializer,
        responses={200: ProposalSerializer, **REFUSALS},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def reject(self, request, pk=None):
        """Reject a proposal with a `note` (not by its proposer). Nothing moves."""
        proposal = self.get_object()
        incoming = ProposalRejectSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        proposal = proposal_reject(
            acting_user=request.user, proposal=proposal, **incoming.validated_data
        )
        return Response(ProposalSerializer(proposal).data)


@extend_schema(
    request=WriteOffProposeSerializer,
    responses={201: ProposalSerializer, **REFUSALS},
    parameters=[IDEMPOTENCY_KEY_PARAMETER],
)
@api_view(["POST"])
@permission_classes([IsAuthenticated])
@reauth_required
def write_off_propose(request, pk: int):
    """Propose writing the loan off (credit or collections manager); another approves."""
    loan = get_object_or_404(loans_for(request.user), pk=pk)
    propose_allowed(request.user)  # refused before the body is read
    incoming = WriteOffProposeSerializer(data=request.data)
    incoming.is_valid(raise_exception=True)
    proposal = loan_write_off_propose(
        acting_user=request.user, loan=loan, **incoming.validated_data
    )
    return Response(ProposalSerializer(proposal).data, status=status.HTTP_201_CREATED)


@extend_schema(
    request=SettlementProposeSerializer,
    responses={201: ProposalSerializer, **REFUSALS},
    parameters=[IDEMPOTENCY_KEY_PARAMETER],
)
@api_view(["POST"])
@permission_classes([IsAuthenticated])
@reauth_required
def settlement_propose(request, pk: int):
    """Propose a one-time settlement (credit or collections manager); another approves."""
    loan = get_object_or_404(loans_for(request.user), pk=pk)
    propose_allowed(request.user)  # refused before the body is read
    incoming = SettlementProposeSerializer(data=request.data)
    incoming.is_valid(raise_exception=True)
    proposal = loan_settlement_propose(
        acting_user=request.user, loan=loan, **incoming.validated_data
    )
    return Response(ProposalSerializer(proposal).data, status=status.HTTP_201_CREATED)


@extend_schema(
    request=RestructureProposeSerializer,
    responses={201: ProposalSerializer, **RESTRUCTURE_REFUSALS},
    parameters=[IDEMPOTENCY_KEY_PARAMETER],
)
@api_view(["POST"])
@permission_classes([IsAuthenticated])
@reauth_required
def restructure_propose(request, pk: int):
    """Propose a restructure from today: new rate and either tenure or installment amount
    (credit or collections manager); another approves, then the borrower accepts the
    addendum. 422 `installment_too_small` when the amount cannot repay the outstanding."""
    loan = get_object_or_404(loans_for(request.user), pk=pk)
    propose_allowed(request.user)  # refused before the body is read
    incoming = RestructureProposeSerializer(data=request.data)
    incoming.is_valid(raise_exception=True)
    proposal = loan_restructure_propose(
        acting_user=request.user, loan=loan, **incoming.validated_data
    )
    return Response(ProposalSerializer(proposal).data, status=status.HTTP_201_CREATED)


def reschedules_for(user):
    qs = Reschedule.objects.all()
    return qs if user.has_perm("loans.view_reschedule") else qs.filter(loan__borrower=user)


class RescheduleViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = RescheduleSerializer
    queryset = Reschedule.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return reschedules_for(self.request.user).order_by("-id")

    @extend_schema(
        request=None,
        responses={200: RescheduleSerializer, **REFUSALS},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    def accept(self, request, pk=None):
        """The borrower accepts the restructure addendum (new APR and schedule): it applies
        from its date. If the loan changed since the approval, it lapses (status `lapsed`)."""
        reschedule = restructure_accept(acting_user=request.user, reschedule=self.get_object())
        return Response(RescheduleSerializer(reschedule).data)


class MoratoriumViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = MoratoriumSerializer
    queryset = Moratorium.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        if not self.request.user.has_perm("loans.view_moratorium"):
            return Moratorium.objects.none()
        return Moratorium.objects.order_by("-id")

    @extend_schema(
        request=MoratoriumCreateSerializer,
        responses={201: MoratoriumSerializer, **REFUSALS},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    @reauth_required
    def create(self, request):
        """Grant a payment holiday to a set of loans; the job (Celery) applies it loan by
        loan, idempotent and resumable."""
        moratorium_allowed(request.user)  # refused before the body is read
        incoming = MoratoriumCreateSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        data = incoming.validated_data
        moratorium = moratorium_create(
            acting_user=request.user,
            name=data["name"],
            start=data["start"],
            installments=data["installments"],
            loan_ids=data["loans"],
        )
        transaction.on_commit(lambda: moratorium_apply.delay(moratorium.pk))
        return Response(MoratoriumSerializer(moratorium).data, status=status.HTTP_201_CREATED)


router = SimpleRouter()
router.register("proposals", ProposalViewSet, basename="proposal")
router.register("reschedules", RescheduleViewSet, basename="reschedule")
router.register("moratoria", MoratoriumViewSet, basename="moratorium")
urlpatterns = [
    path("", include(router.urls)),
    path("loans/<int:pk>/write-off/", write_off_propose, name="loan-write-off"),
    path("loans/<int:pk>/settlement/", settlement_propose, name="loan-settlement"),
    path("loans/<int:pk>/restructure/", restructure_propose, name="loan-restructure"),
]
