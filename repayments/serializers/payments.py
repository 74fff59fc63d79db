"""Shapes for the payments API. Parsing and presentation only: the limits (amount range,
back/forward dating, duplicate UTR, loan status), who may post, reverse or refund, and
maker-checker are decided in repayments.services.payments; what a write may never name is
decided by the financial guard (lendingsite.guard)."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from lendingsite.api_fields import FieldsOnceMixin, MoneyField
from lendingsite.guard import FINANCIAL_FIELDS, ProtectedFieldsMixin
from loans.models import Loan
from loans.selectors import loans_for
from repayments.models import MONEY, Channel, CreditRefund, Payment, PaymentReversal

# What a client may never set on a payment: how it was allocated, its status and who
# or what recorded it are the service's to decide.
PAYMENT_PROTECTED_FIELDS = FINANCIAL_FIELDS | {
    "id",
    "allocation",
    "allocations",
    "penal",
    "fees",
    "interest",
    "excess",
    "received_by",
    "source",
    "provider",
    "provider_payment_id",
    "posted_at",
    "loan_after",
    "reversal",
}
REFUND_PROTECTED_FIELDS = FINANCIAL_FIELDS | {
    "id",
    "refunded_by",
    "journal_entry",
    "credit_balance",
}


def _money(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(**MONEY, read_only=True, **kwargs)


class LoanAfterSerializer(serializers.Serializer):
    """repayments.selectors.loan_after: the loan as it stands after the operation."""

    status = serializers.CharField()
    principal_outstanding = serializers.CharField()
    total_outstanding = serializers.CharField()
    dpd = serializers.IntegerField()
    bucket = serializers.CharField()


class AllocationSerializer(serializers.Serializer):
    """The payment's allocation totals (the latest replay's result)."""

    penal = _money()
    fees = _money()
    interest = _money()
    principal = _money()
    excess = _money()


class PaymentSerializer(FieldsOnceMixin, serializers.ModelSerializer):
    allocation = AllocationSerializer(source="*", read_only=True)

    class Meta:
        model = Payment
        fields = [
            "id",
            "loan",
            "amount",
            "paid_on",
            "channel",
            "utr",
            "status",
            "source",
            "received_by",
            "posted_at",
            "allocation",
        ]
        read_only_fields = fields


class PaymentPostedSerializer(PaymentSerializer):
    """The answer to a post: the payment plus the loan after it (from the view's context,
    read once after the service's transaction committed)."""

    loan_after = serializers.SerializerMethodField()

    class Meta(PaymentSerializer.Meta):
        fields = [*PaymentSerializer.Meta.fields, "loan_after"]
        read_only_fields = fields

    @extend_schema_field(LoanAfterSerializer)
    def get_loan_after(self, payment: Payment) -> dict:
        return LoanAfterSerializer(self.context["loan_after"]).data


class VisibleLoanField(serializers.PrimaryKeyRelatedField):
    """A loan the caller may see; anyone else's is "does not exist", as a missing one is,
    so a borrower cannot probe other people's loan ids."""

    def get_queryset(self):
        return loans_for(self.context["request"].user)


class PaymentCreateSerializer(ProtectedFieldsMixin, serializers.Serializer):
    protected_fields = PAYMENT_PROTECTED_FIELDS

    class Meta:
        model = Payment  # names the target of a guard.denied event

    loan = VisibleLoanField(queryset=Loan.objects.none())
    amount = MoneyField()
    paid_on = serializers.DateField()
    channel = serializers.ChoiceField(choices=Channel.choices)
    utr = serializers.CharField(max_length=64)


class PaymentReverseSerializer(ProtectedFieldsMixin, serializers.Serializer):
    protected_fields = PAYMENT_PROTECTED_FIELDS

    class Meta:
        model = Payment

    reason = serializers.CharField(max_length=300)


class ReversalSerializer(serializers.ModelSerializer):
    loan_after = serializers.SerializerMethodField()

    class Meta:
        model = PaymentReversal
        fields = ["id", "payment", "reason", "reversed_by", "reversed_on", "loan_after"]
        read_only_fields = fields

    @extend_schema_field(LoanAfterSerializer)
    def get_loan_after(self, reversal: PaymentReversal) -> dict:
        return LoanAfterSerializer(self.context["loan_after"]).data


class ForeclosureQuerySerializer(serializers.Serializer):
    as_of = serializers.DateField(required=False)


class ForeclosureQuoteSerializer(serializers.Serializer):
    loan = serializers.IntegerField()
    as_of = serializers.DateField()
    principal = _money()
    interest = _money()
    penal = _money()
    fees = _money()
    total = _money()


class RefundCreateSerializer(ProtectedFieldsMixin, serializers.Serializer):
    protected_fields = REFUND_PROTECTED_FIELDS

    class Meta:
        model = CreditRefund

    amount = MoneyField()
    reference = serializers.CharField(max_length=64)
    refunded_on = serializers.DateField(required=False)


class RefundSerializer(serializers.ModelSerializer):
    credit_balance = serializers.SerializerMethodField()

    class Meta:
        model = CreditRefund
        fields = [
            "id",
            "loan",
            "amount",
            "refunded_on",
            "reference",
            "refunded_by",
            "credit_balance",
        ]
        read_only_fields = fields

    def get_credit_balance(self, refund: CreditRefund) -> str:
        # What the lender still owes the borrower after this refund.
        return f"{self.context['credit_balance']:.2f}"
