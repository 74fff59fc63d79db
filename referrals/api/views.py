"""Referral endpoints (API.md, wave 2). Thin: parse, call a service or selector, serialize.

/api/v1/me/referrals/                     GET   the caller's code, share link and referrals
                                                (paginated; the people referred by first name)
/api/v1/referral-rewards/                 GET   staff: every reward (?status=, ?review_state=,
                                                ?reason=); a borrower: their own as referrer
/api/v1/referral-rewards/{id}/            GET
/api/v1/referral-rewards/{id}/approve/    POST  {[reason]} a flagged reward: two officers
/api/v1/referral-rewards/{id}/void/       POST  {reason} two officers (403 maker_checker)
/api/v1/referral-rewards/pay/             POST  finance: run the payout batch for today
/api/v1/referral-rewards/report/          GET   ?from=&to=&format=json|csv
/api/v1/referral-programmes/              GET, POST     the programme's rules
/api/v1/referral-programmes/{id}/         GET, PATCH

Someone else's reward is 404, never 403.
"""

from datetime import date

import django_filters.rest_framework as filters
from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from accounts.gates import borrower_first, permission_first
from accounts.twofactor.reauth import reauth_required
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from lendingsite.idempotency import IDEMPOTENCY_KEY_PARAMETER
from lendingsite.pagination import Pagination
from referrals import rules, selectors
from referrals.models import Programme, ReviewState, Reward, RewardStatus
from referrals.reports import report_csv
from referrals.serializers import (
    DecisionSerializer,
    MyReferralSerializer,
    PayRunSerializer,
    ProgrammeSerializer,
    ReportSerializer,
    RewardSerializer,
    VoidSerializer,
    code_display,
)
from referrals.services.codes import referral_code_issue
from referrals.services.payouts import PAY_PERM, referral_rewards_pay
from referrals.services.rewards import (
    APPROVE,
    VOID,
    referral_programme_save,
    referral_reward_decide,
)

PROBLEM = OpenApiResponse(description="problem+json (see API.md Errors)")
REFUSALS = {400: PROBLEM, 403: PROBLEM, 404: PROBLEM, 409: PROBLEM}


class MyReferralsPagination(Pagination):
    """The page of referrals, with the caller's code and share link beside it."""

    def get_paginated_response(self, data):
        response = super().get_paginated_response(data)
        response.data = {**self.extra, **response.data}
        return response

    def get_paginated_response_schema(self, schema):
        wrapped = super().get_paginated_response_schema(schema)
        wrapped["properties"] = {
            "code": {"type": "string", "nullable": True, "example": "7K3M-Q9TX-2HBR"},
            "share_link": {"type": "string", "nullable": True},
            **wrapped["properties"],
        }
        return wrapped


class MyReferralsViewSet(mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = MyReferralSerializer
    pagination_class = MyReferralsPagination
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Reward.objects.none()
        return selectors.referrals_of(self.request.user)

    @extend_schema(responses={200: MyReferralSerializer(many=True), 403: PROBLEM})
    def list(self, request, *args, **kwargs):
        """Your referral code (issued once you have verified your email), the link to share,
        and the people who signed up with it: first name, when, and the reward's status."""
        borrower_first(acting_user=request.user, action="referral_code.issue_refused")
        code = None
        if request.user.email_verified:
            code = referral_code_issue(user=request.user).code
        self.paginator.extra = {
            "code": code_display(code),
            "share_link": selectors.share_link(code) if code else None,
        }
        return super().list(request, *args, **kwargs)


class RewardFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=RewardStatus.choices)
    review_state = filters.ChoiceFilter(
        choices=[(ReviewState.FLAGGED, "flagged"), (ReviewState.APPROVED, "approved")]
    )
    reason = filters.ChoiceFilter(choices=list(rules.REASONS.items()), method="by_reason")

    class Meta:
        model = Reward
        fields = ["status", "review_state", "reason"]

    def by_reason(self, queryset, name, value):
        # JSON containment is not portable to SQLite; the reason code is a plain word, so
        # matching its quoted form in the stored list is exact.
        return queryset.filter(flags__icontains=f'"{value}"')


class RewardViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = RewardSerializer
    filterset_class = RewardFilter
    queryset = Reward.objects.none()

    # `format` on the report is ours (json or csv), not DRF's renderer switch.
    def perform_content_negotiation(self, request, force=False):
        return JSONRenderer(), JSONRenderer.media_type

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return selectors.rewards_for(self.request.user).order_by("-created_at", "-id")

    def _decide(self, request, decision: str, serializer_class) -> Response:
        reward = self.get_object()
        incoming = serializer_class(data=request.data)
        incoming.is_valid(raise_exception=True)
        reward = referral_reward_decide(
            acting_user=request.user,
            reward=reward,
            decision=decision,
            reason=incoming.validated_data["reason"],
        )
        return Response(RewardSerializer(self.get_queryset().get(pk=reward.pk)).data)

    @extend_schema(
        request=DecisionSerializer,
        responses={200: RewardSerializer, **REFUSALS},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    @reauth_required
    def approve(self, request, pk=None):
        """Approve a flagged reward: the first officer proposes, a second one confirms (the
        same officer twice: 403 `maker_checker`); then the reward is earned."""
        return self._decide(request, APPROVE, DecisionSerializer)

    @extend_schema(
        request=VoidSerializer,
        responses={200: RewardSerializer, **REFUSALS},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    @reauth_required
    def void(self, request, pk=None):
        """Void a pending or earned reward with a `reason`: proposed by one officer,
        confirmed by another."""
        return self._decide(request, VOID, VoidSerializer)

    @extend_schema(
        request=None,
        responses={200: PayRunSerializer, 403: PROBLEM},
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
    )
    @action(detail=False, methods=["post"], filter_backends=[], pagination_class=None)
    def pay(self, request):
        """Run the payout batch now (finance). Safe to repeat: each reward is paid once."""
        permission_first(
            acting_user=request.user,
            perm=PAY_PERM,
            message="Only finance can pay referral rewards.",
            action="referral_reward.pay_refused",
        )
        result = referral_rewards_pay(business_date=today_ist(), acting_user=request.user)
        return Response(PayRunSerializer(result).data)

    @extend_schema(
        parameters=[
            OpenApiParameter("from", type=OpenApiTypes.DATE),
            OpenApiParameter("to", type=OpenApiTypes.DATE),
            OpenApiParameter("format", type=OpenApiTypes.STR, enum=["json", "csv"]),
        ],
        responses={
            200: ReportSerializer,
            (200, "text/csv"): OpenApiTypes.BINARY,
            400: PROBLEM,
            403: PROBLEM,
        },
    )
    @action(detail=False, methods=["get"], filter_backends=[], pagination_class=None)
    def report(self, request):
        """Referrals, conversion to loans, rewards earned / paid / voided and flagged by
        reason, for sign-ups between `from` and `to` (staff)."""
        permission_first(
            acting_user=request.user,
            perm="referrals.view_reward",
            message="Only staff can read the referral report.",
            action="referral_report.read_refused",
        )
        fmt = request.query_params.get("format", "json")
        if fmt not in ("json", "csv"):
            raise DomainError(
                "validation_error", "json or csv.", errors={"format": ["must be json or csv"]}
            )
        bounds = {}
        for name in ("from", "to"):
            raw = request.query_params.get(name)
            if raw is None:
                continue
            try:
                bounds[name] = date.fromisoformat(raw)
            except ValueError:
                raise DomainError(
                    "validation_error", f"{name} must be a date.", errors={name: ["YYYY-MM-DD"]}
                ) from None
        row = selectors.referral_report(date_from=bounds.get("from"), date_to=bounds.get("to"))
        if fmt == "csv":
            response = HttpResponse(report_csv(row), content_type="text/csv; charset=utf-8")
            response["Content-Disposition"] = 'attachment; filename="referrals-report.csv"'
            return response
        body = {k: v for k, v in row.items() if not k.startswith("flagged_")}
        body["flagged_by_reason"] = {code: row[f"flagged_{code}"] for code in rules.REASONS}
        return Response(ReportSerializer(body).data)


@extend_schema_view(
    list=extend_schema(responses={200: ProgrammeSerializer(many=True), 403: PROBLEM}),
    retrieve=extend_schema(responses={200: ProgrammeSerializer, 403: PROBLEM, 404: PROBLEM}),
)
class ProgrammeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = ProgrammeSerializer
    queryset = Programme.objects.none()
    filter_backends = []

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        permission_first(
            acting_user=self.request.user,
            perm="referrals.view_programme",
            message="Only staff can read the referral programme.",
            action="referral_programme.read_refused",
        )
        return Programme.objects.order_by("-starts_on", "-id")

    def _may_change(self) -> None:
        permission_first(
            acting_user=self.request.user,
            perm="referrals.change_programme",
            message="Only credit managers can set the referral programme.",
            action="referral_programme.save_refused",
        )

    @extend_schema(responses={201: ProgrammeSerializer, **REFUSALS})
    def create(self, request, *args, **kwargs):
        """Start a programme (credit managers)."""
        self._may_change()
        incoming = ProgrammeSerializer(data=request.data)
        incoming.is_valid(raise_exception=True)
        programme = referral_programme_save(acting_user=request.user, **incoming.validated_data)
        return Response(ProgrammeSerializer(programme).data, status=status.HTTP_201_CREATED)

    @extend_schema(responses={200: ProgrammeSerializer, **REFUSALS})
    def partial_update(self, request, *args, **kwargs):
        """Change the programme's rules (credit managers)."""
        self._may_change()
        programme = self.get_object()
        incoming = ProgrammeSerializer(programme, data=request.data, partial=True)
        incoming.is_valid(raise_exception=True)
        programme = referral_programme_save(
            acting_user=request.user, programme=programme, **incoming.validated_data
        )
        return Response(ProgrammeSerializer(programme).data)
