"""Shapes for the distress-servicing API (proposals, write-off, settlement). Parsing and
presentation only: the rules are repayments.services.servicing's."""

from rest_framework import serializers

from lendingsite.api_fields import MoneyField
from loans.models import Proposal, WriteOffKind


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
