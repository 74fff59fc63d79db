"""Cooling-off exit requests (API.md "Resources added in wave 2"; docs/payments.md):

/api/v1/loans/{id}/exit-requests/  POST  the loan's borrower asks to exit: 201 with the
                                         amount, pay-by date, payment instructions and the
                                         reference to quote; 200 with the open request when
                                         one is already open (nothing new is written)
/api/v1/loans/{id}/exit-requests/  GET   the loan's requests, newest first (owner or staff)

The body of the POST is ignored: nothing the borrower types moves money or status. The
loan is cancelled only when finance posts (or a signed gateway webhook delivers) a payment
that pays it off by the pay-by date. Anyone who cannot see the loan gets 404.
"""

from django.urls import path
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from lendingsite.idempotency import IDEMPOTENCY_KEY_PARAMETER
from lendingsite.pagination import Pagination
from loans.models import Loan
from loans.selectors import loans_for
from repayments.models import ExitRequest
from repayments.selectors.exits import exit_amounts, exit_payment_instructions
from repayments.services.exits import exit_request_open

PROBLEM = OpenApiResponse(description="problem+json (see API.md Errors)")


class ExitAmountSerializer(serializers.Serializer):
    on = serializers.DateField()
    days = serializers.IntegerField()
    interest = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    total = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)


class PaymentInstructionsSerializer(serializers.Serializer):
    upi_id = serializers.CharField()
    account_name = serializers.CharField()
    account_number = serializers.CharField()
    ifsc = serializers.CharField()
    bank_name = serializers.CharField()
    remarks = serializers.CharField(help_text="write this in the transfer's remarks")


class ExitRequestSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True, help_text="the reference to quote")
    amounts_by_date = serializers.SerializerMethodField(
        help_text="while open: what exiting costs if the money arrives on each day until pay_by"
    )
    payment_instructions = serializers.SerializerMethodField()

    class Meta:
        model = ExitRequest
        fields = [
            "id",
            "loan",
            "status",
            "requested_on",
            "pay_by",
            "principal",
            "interest",
            "amount",
            "reference",
            "amounts_by_date",
            "payment_instructions",
            "payment",
            "completed_on",
            "lapsed_on",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(ExitAmountSerializer(many=True))
    def get_amounts_by_date(self, obj) -> list[dict]:
        today = self.context.get("business_date") or today_ist()
        return ExitAmountSerializer(exit_amounts(obj, today=today), many=True).data

    @extend_schema_field(PaymentInstructionsSerializer)
    def get_payment_instructions(self, obj) -> dict:
        return PaymentInstructionsSerializer(exit_payment_instructions(obj)).data


class LoanExitRequestsView(GenericAPIView):
    serializer_class = ExitRequestSerializer
    pagination_class = Pagination
    queryset = ExitRequest.objects.none()  # for the schema; requests use the loan's own

    def _loan(self, pk: int) -> Loan:
        loan = loans_for(self.request.user).filter(pk=pk).first()
        if loan is None:
            raise DomainError("not_found", "No such loan.")
        return loan

    def _context(self) -> dict:
        return {**self.get_serializer_context(), "business_date": today_ist()}

    @extend_schema(
        operation_id="loans_exit_requests_list",
        responses={200: ExitRequestSerializer(many=True), 404: PROBLEM},
    )
    def get(self, request, pk: int):
        """The loan's exit requests, newest first: open, completed or lapsed."""
        loan = self._loan(pk)
        rows = ExitRequest.objects.filter(loan=loan).select_related("loan").order_by("-id")
        page = self.paginate_queryset(rows)
        data = ExitRequestSerializer(page, many=True, context=self._context()).data
        return self.get_paginated_response(data)

    @extend_schema(
        operation_id="loans_exit_requests_create",
        request=None,
        parameters=[IDEMPOTENCY_KEY_PARAMETER],
        responses={
            200: ExitRequestSerializer,
            201: ExitRequestSerializer,
            403: PROBLEM,
            404: PROBLEM,
            409: PROBLEM,
        },
    )
    def post(self, request, pk: int):
        """Ask to cancel the loan within the cooling-off period (the loan's borrower). The
        answer says how much to pay, by when, where, and the reference to quote; the loan
        stays active until that money arrives. 409 `invalid_state` outside the cooling-off
        period (or once a payment was made); 200 with the open request if one is open."""
        exit_request, created = exit_request_open(acting_user=request.user, loan=self._loan(pk))
        body = ExitRequestSerializer(exit_request, context=self._context()).data
        return Response(body, status=status.HTTP_201_CREATED if created else status.HTTP_200_OK)


urlpatterns = [
    path(
        "loans/<int:pk>/exit-requests/",
        LoanExitRequestsView.as_view(),
        name="loan-exit-requests",
    ),
]
