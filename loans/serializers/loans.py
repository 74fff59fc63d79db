"""Shapes for the loans API. Parsing and presentation only: who may disburse or cancel,
the date limits and the amounts are decided in loans.services.loans; what a write may
never name is decided by the financial guard (lendingsite.guard)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lendingsite.api_fields import MoneyField
from lendingsite.guard import LOAN_PROTECTED_FIELDS, ProtectedFieldsMixin
from loans.models import Installment, InstallmentStatus, Loan
from loans.models.products import MONEY


def _money(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(**MONEY, read_only=True, **kwargs)


class LoanSerializer(serializers.ModelSerializer):
    """A loan with its balances. Expects the queryset from
    loans.selectors.loans_with_balances (total_outstanding and next due are annotations)."""

    product_code = serializers.CharField(source="product.code", read_only=True)
    total_outstanding = _money()
    next_due_date = serializers.DateField(read_only=True, allow_null=True)
    next_due_amount = _money(allow_null=True)

    class Meta:
        model = Loan
        fields = [
            "id",
            "application",
            "borrower",
            "product",
            "product_code",
            "status",
            "principal",
            "annual_rate",
            "tenure",
            "apr",
            "processing_fee",
            "net_disbursed",
            "disbursed_on",
            "cooling_off_until",
            "closed_on",
            "principal_outstanding",
            "total_outstanding",
            "next_due_date",
            "next_due_amount",
            "dpd",
            "bucket",
            "notes",
        ]
        read_only_fields = fields

    def to_representation(self, loan):
        data = super().to_representation(loan)
        request = self.context.get("request")
        # Officers' notes are internal; a borrower sees their loan without them.
        if not (request and request.user.is_staff):
            data.pop("notes", None)
        return data


class LoanUpdateSerializer(ProtectedFieldsMixin, serializers.Serializer):
    """PATCH: the non-financial fields staff may change. Anything in
    LOAN_PROTECTED_FIELDS in the body is refused as a whole (403 protected_field)."""

    protected_fields = LOAN_PROTECTED_FIELDS

    notes = serializers.CharField(allow_blank=True, max_length=5000)


class InstallmentSerializer(serializers.ModelSerializer):
    principal = _money(source="principal_due")
    interest = _money(source="interest_due")
    penal = _money(source="penal_due")
    fees = _money(source="fees_due")
    total = _money(source="total_due")
    paid = _money(source="total_paid")
    outstanding = _money()
    balance = _money(source="balance_after")
    status = serializers.SerializerMethodField()

    class Meta:
        model = Installment
        fields = [
            "number",
            "due_date",
            "principal",
            "interest",
            "penal",
            "fees",
            "total",
            "paid",
            "outstanding",
            "balance",
            "paid_on",
            "status",
        ]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=InstallmentStatus.choices))
    def get_status(self, installment: Installment) -> str:
        # The view fixes the business date once per request (every row is judged on it).
        return installment.status_on(self.context["business_date"])


class DisburseSerializer(serializers.Serializer):
    disbursed_on = serializers.DateField()
    reference = serializers.CharField(max_length=64)


class CoolingOffCancelSerializer(serializers.Serializer):
    paid_on = serializers.DateField()
    amount = MoneyField()
    reference = serializers.CharField(max_length=64)


class CoolingOffQuerySerializer(serializers.Serializer):
    on = serializers.DateField(required=False)


class CoolingOffQuoteSerializer(serializers.Serializer):
    loan = serializers.IntegerField()
    on = serializers.DateField()
    days = serializers.IntegerField()
    principal = _money()
    interest = _money()
    total = _money()
    cooling_off_until = serializers.DateField()
