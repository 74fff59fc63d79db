"""Shapes for the loans API. Parsing and presentation only: who may disburse or cancel,
the date limits and the amounts are decided in loans.services.loans; what a write may
never name is decided by the financial guard (lendingsite.guard)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lendingsite.api_fields import FieldsOnceMixin
from lendingsite.guard import LOAN_PROTECTED_FIELDS, ProtectedFieldsMixin
from loans.models import Installment, InstallmentStatus, Loan
from loans.models.products import MONEY
from loans.selectors import installment_status, loan_arrears, today_as_of


def _money(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(**MONEY, read_only=True, **kwargs)


def arrears_fields(loan: Loan, as_of, arrears=None) -> dict:
    """The loan's arrears (loans.selectors.loan_arrears at the end of `as_of`, by default
    yesterday: last night's day-end), computed once per loan, as the API's fields; a list
    passes each loan's, read at once (loans.selectors.arrears_of_loans)."""
    arrears = arrears or loan_arrears(loan, as_of=as_of)
    return {
        # The next payment: an overdue loan's arrears, due today; otherwise the next
        # installment. Never a past date.
        "next_due_date": arrears.next_payment_date,
        "next_due_amount": arrears.next_payment_amount,
        "overdue_amount": arrears.overdue_amount,
        "overdue_since": arrears.oldest_overdue,
        "next_installment_date": arrears.upcoming_date,
        "next_installment_amount": arrears.upcoming_amount,
    }


class LoanSerializer(FieldsOnceMixin, serializers.ModelSerializer):
    """A loan with its balances and arrears. Expects the queryset from
    loans.selectors.loans_with_arrears (total_outstanding is an annotation; the product and
    the installments are prefetched for loan_arrears)."""

    product_code = serializers.CharField(source="product.code", read_only=True)
    total_outstanding = _money()
    next_due_date = serializers.DateField(
        read_only=True,
        allow_null=True,
        help_text="When the next payment is due: today for an overdue loan (the arrears are "
        "due now), else the next installment's due date.",
    )
    next_due_amount = _money(
        allow_null=True,
        help_text="The next payment: an overdue loan's arrears (everything owed on "
        "installments due by yesterday), else what is still owed on the next installment.",
    )
    overdue_amount = _money(
        help_text="Owed on installments overdue above the product's materiality floor."
    )
    overdue_since = serializers.DateField(
        read_only=True, allow_null=True, help_text="Due date of the oldest overdue installment."
    )
    next_installment_date = serializers.DateField(read_only=True, allow_null=True)
    next_installment_amount = _money(allow_null=True)

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
            "overdue_amount",
            "overdue_since",
            "next_installment_date",
            "next_installment_amount",
            "dpd",
            "bucket",
            "notes",
        ]
        read_only_fields = fields
        optional_in_schema = ("notes",)  # staff only (to_representation)

    def to_representation(self, loan):
        as_of = self.context.get("arrears_as_of") or today_as_of()
        known = self.context.get("arrears_by_loan") or {}
        for name, value in arrears_fields(loan, as_of, known.get(loan.pk)).items():
            setattr(loan, name, value)
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


class InstallmentSerializer(FieldsOnceMixin, serializers.ModelSerializer):
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
        # The view computes the loan's arrears once per request (loans.selectors); every
        # row is judged by the same rule and date.
        arrears = self.context["arrears"]
        return installment_status(
            installment,
            as_of=arrears.business_date,
            materiality_floor=arrears.materiality_floor,
        )


class DisburseSerializer(serializers.Serializer):
    disbursed_on = serializers.DateField()
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
