"""Shapes for the charges and waivers API. Parsing and presentation only: who may propose
or decide, maker-checker and the amounts are repayments.services.waivers' rules."""

from rest_framework import serializers

from lendingsite.api_fields import MoneyField
from repayments.models import MONEY, Charge, ChargeWaiver


def _money(**kwargs) -> serializers.DecimalField:
    return serializers.DecimalField(**MONEY, read_only=True, **kwargs)


class ChargeSerializer(serializers.ModelSerializer):
    installment_number = serializers.IntegerField(
        source="installment.number", read_only=True, allow_null=True, default=None
    )
    due_date = serializers.DateField(
        source="installment.due_date", read_only=True, allow_null=True, default=None
    )
    amount_in_force = _money(
        help_text="What the borrower is charged now: the amount less waivers; 0 once reversed or waived."
    )

    class Meta:
        model = Charge
        fields = [
            "id",
            "loan",
            "installment_number",
            "due_date",
            "kind",
            "amount",
            "charged_on",
            "reason",
            "status",
            "waived_amount",
            "amount_in_force",
            "reversed_on",
            "reversal_reason",
        ]
        read_only_fields = fields


class WaiverChargeSerializer(serializers.ModelSerializer):
    """The waived charge as it stands (after an approval: its lower amount in force)."""

    amount_in_force = _money()

    class Meta:
        model = Charge
        fields = ["id", "kind", "amount", "status", "waived_amount", "amount_in_force"]
        read_only_fields = fields


class WaiverSerializer(serializers.ModelSerializer):
    loan = serializers.IntegerField(source="charge.loan_id", read_only=True)
    charge = WaiverChargeSerializer(read_only=True)

    class Meta:
        model = ChargeWaiver
        fields = [
            "id",
            "charge",
            "loan",
            "amount",
            "reason",
            "status",
            "proposed_by",
            "proposed_on",
            "decided_by",
            "decided_on",
            "decision_note",
        ]
        read_only_fields = fields


class WaiveSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)
    amount = MoneyField(
        required=False,
        help_text="Part of the charge to waive; default: everything still in force.",
    )


class WaiverDecisionSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class WaiverRejectSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=300, help_text="Why the waiver is refused.")
