"""Payments API (API.md "Payments" and the loan endpoints about paying off a loan): thin
views over repayments.services.payments and repayments.selectors. Limits, permissions and
maker-checker are the services' rules; a view only parses, calls and serializes.

/api/v1/payments/                       GET  paginated; ?loan=, ?channel=, ?status=, ?source=,
                                             ?paid_on=, ?paid_on_from=, ?paid_on_to=
/api/v1/payments/                       POST {loan, amount, paid_on, channel, utr}
                                             (finance, loan officers; Idempotency-Key header)
/api/v1/payments/{id}/                  GET
/api/v1/payments/{id}/reverse/          POST {reason} finance, not the person who posted it
/api/v1/loans/{id}/foreclosure-quote/   GET  ?as_of=YYYY-MM-DD (default today, IST)
/api/v1/loans/{id}/refund/              POST {amount, reference[, refunded_on]} finance

Borrowers see only payments on their own loans; anyone else's is a 404, never a 403.
"""

import django_filters.rest_framework as filters
from django.urls import include, path
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from accounts.gates import permission_first
from accounts.twofactor.reauth import reauth_required
from lendingsite.dates import today_ist
from loans.models import Loan
from loans.selectors import loans_for
from repayments.models import Channel, Payment, PaymentSource, PaymentStatus
from repayments.selectors import credit_balance, foreclosure_quote, loan_after
from repayments.serializers.payments import (
    ForeclosureQuerySerializer,
    ForeclosureQuoteSerializer,
    PaymentCreateSerializer,
    PaymentPostedSerializer,
    PaymentReverseSerializer,
    PaymentSerializer,
    RefundCreateSerializer,
    RefundSerializer,
    ReversalSerializer,
)
from repayments.services.payments import (
    ADD_PERM,
    REFUND_PERM,
    REVERSE_PERM,
    credit_refund,
    payment_post,
    payment_reverse,
)

PROBLEM = OpenApiResponse(description="problem+json (see API.md Errors)")
VIEW_PERM = "repayments.view_payment"


def payments_for(user):
    """Staff who may view payments see all; everyone else only payments on their loans."""
    qs = Payment.objects.all()
    return qs if user.has_perm(VIEW_PERM) else qs.filter(loan__borrower=user)


def _loan_now(loan_id: int) -> dict:
    # Read after the service committed: the row the caller passed in is stale by then.
    return loan_after(Loan.objects.get(pk=loan_id))


class PaymentFilter(filters.FilterSet):
    loan = filters.NumberFilter(field_name="loan_id")
    channel = filters.ChoiceFilter(choices=Channel.choices)
    status = filters.ChoiceFilter(choices=PaymentStatus.choices)
    source = filters.ChoiceFilter(choices=PaymentSource.choices)
    paid_on = filters.DateFilter()
    paid_on_from = filters.DateFilter(field_name="paid_on", lookup_expr="gte")
    paid_on_to = filters.DateFilter(field_name="paid_on", lookup_expr="lte")

    class Meta:
        model = Payment
        fields = ["loan", "channel", "status", "source", "paid_on", "paid_on_from", "paid_on_to"]


class PaymentViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = PaymentSerializer
    filterset_class = PaymentFilter
    queryset = Payment.objects.none()  # for the schema; requests use get_queryset

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return payments_for(self.request.user).order_by("-paid_on", "-id")

    @extend_schema(
        request=PaymentCreateSerializer,
        responses={
            201: PaymentPostedSerializer,
            400: PROBLEM,
            403: PROBLEM,
            409: PROBLEM,
            422: PROBLEM,
        },
        parameters=[
            OpenApiParameter(
                "Idempotency-Key",
                location=OpenApiParameter.HEADER,
                required=False,
                description="required for API (JWT) clients; see API.md",
            )
        ],
    )
    def create(self, request):
        """Post a payment received on `paid_on` (finance, loan officers). It is allocated
        oldest installment first; anything beyond the dues to date prepays principal, and a
        payment covering the foreclosure amount closes the loan. Refusals: duplicate_utr
        (409), loan_not_active (409), future_dated / backdated / amount_out_of_range (422),
        permission_denied (403); naming allocation, status and the like: protected_field."""
        permission_first(
            acting_user=request.user,
            perm=ADD_PERM,
            message="Only finance and loan officers can record payments.",
            action="payment.post_refused",
        )
        incoming = PaymentCreateSerializer(data=request.data, context=self.get_serializer_context())
        incoming.is_valid(raise_exception=True)
        payment = payment_post(
            acting_user=request.user, source=PaymentSource.API, **incoming.validated_data
        )
        context = {**self.get_serializer_context(), "loan_after": _loan_now(payment.loan_id)}
        body = PaymentPostedSerializer(payment, context=context).data
        return Response(body, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=PaymentReverseSerializer,
        responses={201: ReversalSerializer, 403: PROBLEM, 404: PROBLEM, 409: PROBLEM},
    )
    @action(detail=True, methods=["post"], filter_backends=[])
    @reauth_required
    def reverse(self, request, pk=None):
        """Reverse a posted payment (finance; not the person who posted it). A new
        reversing entry is booked and later payments are re-allocated; nothing is deleted."""
        payment = self.get_object()
        permission_first(
            acting_user=request.user,
            perm=REVERSE_PERM,
            message="Only finance can reverse payments.",
            action="payment.reverse_refused",
            target=payment,
        )
        incoming = PaymentReverseSerializer(
            data=request.data,
            context={**self.get_serializer_context(), "guard_target": payment},
        )
        incoming.is_valid(raise_exception=True)
        reversal = payment_reverse(
            acting_user=request.user, payment=payment, reason=incoming.validated_data["reason"]
        )
        context = {**self.get_serializer_context(), "loan_after": _loan_now(payment.loan_id)}
        body = ReversalSerializer(reversal, context=context).data
        return Response(body, status=status.HTTP_201_CREATED)


class LoanPayoffViewSet(viewsets.GenericViewSet):
    """Loan endpoints about paying a loan off; the loan itself is loans.api.loans."""

    queryset = Loan.objects.none()
    filter_backends = []
    pagination_class = None

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return self.queryset
        return loans_for(self.request.user)

    def get_serializer_class(self):
        # OPTIONS (action "metadata") describes the POST body of the route it was sent to.
        action = self.action
        if action in (None, "metadata"):
            action = next(iter(self.action_map.values()), None)
        return RefundCreateSerializer if action == "refund" else ForeclosureQuerySerializer

    @extend_schema(
        parameters=[
            OpenApiParameter("as_of", type=OpenApiTypes.DATE, description="default: today (IST)")
        ],
        responses={200: ForeclosureQuoteSerializer, 400: PROBLEM, 404: PROBLEM, 409: PROBLEM},
    )
    @action(detail=True, methods=["get"], url_path="foreclosure-quote")
    def foreclosure_quote(self, request, pk=None):
        """The amount that closes the loan on `as_of`, broken down: principal outstanding,
        interest accrued to that day, unpaid penal charges and fees."""
        query = ForeclosureQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        as_of = query.validated_data.get("as_of") or today_ist()
        loan = self.get_object()
        quote = foreclosure_quote(loan=loan, as_of=as_of)
        body = {
            "loan": loan.pk,
            "as_of": quote.as_of,
            "principal": quote.principal,
            "interest": quote.interest,
            "penal": quote.penal,
            "fees": quote.fees,
            "total": quote.total,
        }
        return Response(ForeclosureQuoteSerializer(body).data)

    @extend_schema(
        request=RefundCreateSerializer,
        responses={201: RefundSerializer, 400: PROBLEM, 403: PROBLEM, 404: PROBLEM, 422: PROBLEM},
    )
    @action(detail=True, methods=["post"])
    def refund(self, request, pk=None):
        """Pay back (part of) the borrower's credit balance, an overpayment (finance)."""
        loan = self.get_object()
        permission_first(
            acting_user=request.user,
            perm=REFUND_PERM,
            message="Only finance can refund a borrower's credit.",
            action="credit.refund_refused",
            target=loan,
        )
        incoming = RefundCreateSerializer(
            data=request.data, context={**self.get_serializer_context(), "guard_target": loan}
        )
        incoming.is_valid(raise_exception=True)
        refund = credit_refund(acting_user=request.user, loan=loan, **incoming.validated_data)
        context = {**self.get_serializer_context(), "credit_balance": credit_balance(loan)}
        body = RefundSerializer(refund, context=context).data
        return Response(body, status=status.HTTP_201_CREATED)


router = SimpleRouter()
router.register("payments", PaymentViewSet, basename="payment")
router.register("loans", LoanPayoffViewSet, basename="loan-payoff")
urlpatterns = [path("", include(router.urls))]
