"""API shapes of mandates and presentations."""

from rest_framework import serializers

from lendingsite.api_fields import MoneyField
from mandates.codes import CANCEL_CODES, PAUSE_CODES
from mandates.models import Frequency, Mandate, Presentation


class MandateSerializer(serializers.ModelSerializer):
    account_last4 = serializers.CharField(source="bank_account.last4", read_only=True)

    class Meta:
        model = Mandate
        fields = [
            "id",
            "loan",
            "reference",
            "adapter",
            "status",
            "max_amount",
            "frequency",
            "start_on",
            "end_on",
            "umrn",
            "reason_code",
            "reason",
            "account_last4",
            "created_at",
            "status_changed_at",
        ]
        read_only_fields = fields


class MandateCreateSerializer(serializers.Serializer):
    loan = serializers.IntegerField()
    max_amount = MoneyField(required=False)
    frequency = serializers.ChoiceField(choices=Frequency.choices, default=Frequency.MONTHLY)
    start_on = serializers.DateField(required=False)
    end_on = serializers.DateField(required=False)


class MandateCreatedSerializer(MandateSerializer):
    approval_url = serializers.CharField(read_only=True)

    class Meta(MandateSerializer.Meta):
        fields = [*MandateSerializer.Meta.fields, "approval_url"]
        read_only_fields = fields


class PauseSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=sorted(PAUSE_CODES))
    note = serializers.CharField(required=False, allow_blank=True, max_length=200)


class CancelSerializer(serializers.Serializer):
    code = serializers.ChoiceField(choices=sorted(CANCEL_CODES), default="borrower_request")


class PresentationSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(read_only=True)
    adapter = serializers.CharField(source="mandate.adapter", read_only=True)

    class Meta:
        model = Presentation
        fields = [
            "id",
            "reference",
            "loan",
            "mandate",
            "batch",
            "adapter",
            "due_date",
            "attempt",
            "amount",
            "status",
            "presented_on",
            "scheduled_on",
            "result_on",
            "reason_code",
            "payment",
            "charge",
        ]
        read_only_fields = fields
