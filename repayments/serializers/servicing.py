"""Shapes for the distress-servicing API (proposals, write-off, settlement). Parsing and
presentation only: the rules are repayments.services.servicing's."""

from decimal import Decimal

from rest_framework import serializers

from lendingsite.api_fields import MoneyField, StrictDecimalField
from loans.models import Moratorium, Proposal, Reschedule, WriteOffKind


class ProposalSerializer(serializers.ModelSerializer):
    terms = serializers.JSONField(read_only=True, help_text="The action's terms as proposed.")

    class Meta:
        model = Proposal
        fields = [
            "id",
            "loan",
            "kind",
            "status",
            "terms",
            "reason",
            "proposed_by",
            "proposed_on",
            "decided_by",
            "decided_on",
            "decision_note",
        ]
        read_only_fields = fields


class WriteOffProposeSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=WriteOffKind.choices, default=WriteOffKind.TECHNICAL)
    reason = serializers.CharField(max_length=300)


class SettlementInstallmentSerializer(serializers.Serializer):
    due_date = serializers.DateField()
    amount = MoneyField()


class SettlementProposeSerializer(serializers.Serializer):
    amount = MoneyField(help_text="The agreed amount: more than zero, less than the dues.")
    installments = SettlementInstallmentSerializer(
        many=True,
        required=False,
        max_length=12,
        help_text="Dates rising from today, adding up to the amount; default one in 30 days.",
    )
    grace_days = serializers.IntegerField(min_value=0, max_value=90, required=False)
    reason = serializers.CharField(max_length=300)


class ProposalDecisionSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=300, required=False, allow_blank=True)


class ProposalRejectSerializer(serializers.Serializer):
    note = serializers.CharField(max_length=300, help_text="Why the proposal is refused.")


class RestructureProposeSerializer(serializers.Serializer):
    annual_rate = StrictDecimalField(
        max_digits=7, decimal_places=4, min_value=Decimal(0), max_value=Decimal(60)
    )
    tenure = serializers.IntegerField(
        min_value=1, max_value=120, required=False, help_text="New tenure; or `installment`."
    )
    installment = MoneyField(
        required=False,
        help_text="New installment amount instead of a tenure: the tenure becomes the "
        "shortest whose installment is at most this (422 `installment_too_small` when "
        "none up to 120 is).",
    )
    reason = serializers.CharField(max_length=300)


class RescheduleRowSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    due_date = serializers.DateField()
    principal_due = serializers.CharField()
    interest_due = serializers.CharField()
    penal_due = serializers.CharField()
    fees_due = serializers.CharField()


class RescheduleSerializer(serializers.ModelSerializer):
    schedule = RescheduleRowSerializer(source="base_rows", many=True, read_only=True)

    class Meta:
        model = Reschedule
        fields = [
            "id",
            "loan",
            "kind",
            "status",
            "effective_on",
            "annual_rate",
            "tenure",
            "apr",
            "capitalised",
            "holiday_interest",
            "accepted_at",
            "applied_on",
            "schedule",
        ]
        read_only_fields = fields


class MoratoriumCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=120)
    start = serializers.DateField()
    installments = serializers.IntegerField(min_value=1, max_value=12)
    loans = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1),
        min_length=1,
        max_length=10000,
    )


class MoratoriumSerializer(serializers.ModelSerializer):
    applied = serializers.SerializerMethodField()
    skipped = serializers.SerializerMethodField()
    pending = serializers.SerializerMethodField()

    class Meta:
        model = Moratorium
        fields = [
            "id",
            "name",
            "start",
            "installments",
            "created_on",
            "finished_at",
            "applied",
            "skipped",
            "pending",
        ]
        read_only_fields = fields

    def _count(self, obj, status) -> int:
        return obj.loans.filter(status=status).count()

    def get_applied(self, obj) -> int:
        return self._count(obj, "applied")

    def get_skipped(self, obj) -> int:
        return self._count(obj, "skipped")

    def get_pending(self, obj) -> int:
        return self._count(obj, "pending")
