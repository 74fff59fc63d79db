"""API shapes only (rules: referrals.services)."""

from decimal import Decimal

from rest_framework import serializers

from lendingsite import refcode
from lendingsite.api_fields import MoneyField
from referrals import rules
from referrals.models import EarnRule, PayoutMethod, Programme, Reward
from referrals.selectors import first_name, referral_status


class MyReferralSerializer(serializers.Serializer):
    """What a referrer sees of a referral: the first name of the person, nothing else."""

    id = serializers.IntegerField(read_only=True)
    first_name = serializers.SerializerMethodField()
    signed_up_on = serializers.SerializerMethodField()
    status = serializers.SerializerMethodField()
    reward_status = serializers.SerializerMethodField()
    reward_amount = serializers.SerializerMethodField()

    def get_first_name(self, obj) -> str:
        return first_name(obj.referred.full_name)

    def get_signed_up_on(self, obj) -> str:
        return obj.created_at.date().isoformat()

    def get_status(self, obj) -> str:
        return referral_status(obj)

    def get_reward_status(self, obj) -> str | None:
        reward = getattr(obj, "reward", None)
        return reward.status if reward else None

    def get_reward_amount(self, obj) -> str | None:
        reward = getattr(obj, "reward", None)
        return f"{reward.amount:.2f}" if reward else None


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()


class RewardSerializer(serializers.ModelSerializer):
    referrer = serializers.IntegerField(source="referral.referrer_id", read_only=True)
    referred_first_name = serializers.SerializerMethodField()
    amount = serializers.DecimalField(max_digits=14, decimal_places=2, read_only=True)
    reasons = serializers.SerializerMethodField()
    # Blank until the reward is paid (the model's choices hold only the two ways of paying).
    payout_method = serializers.ChoiceField(
        choices=[("", "Not paid yet"), *PayoutMethod.choices], read_only=True
    )

    class Meta:
        model = Reward
        fields = [
            "id",
            "referral",
            "referrer",
            "referred_first_name",
            "loan",
            "programme",
            "amount",
            "status",
            "review_state",
            "flags",
            "reasons",
            "proposed_decision",
            "proposed_by",
            "decided_by",
            "void_reason",
            "earned_on",
            "paid_on",
            "payout_method",
            "payment",
            "created_on",
        ]
        read_only_fields = fields

    def get_referred_first_name(self, obj) -> str:
        return first_name(obj.referral.referred.full_name)

    def get_reasons(self, obj) -> list[dict]:
        return [{"code": c, "label": rules.REASONS.get(c, c)} for c in obj.flags]


class DecisionSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class VoidSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class ProgrammeSerializer(serializers.ModelSerializer):
    reward_amount = MoneyField(min_value=Decimal("0.01"), max_value=Decimal("1000000.00"))
    earn_rule = serializers.ChoiceField(choices=EarnRule.choices)
    monthly_cap_per_referrer = serializers.IntegerField(min_value=0, max_value=1000)
    max_signups_per_ip = serializers.IntegerField(min_value=1, max_value=1000)
    burst_count = serializers.IntegerField(min_value=1, max_value=1000)
    burst_hours = serializers.IntegerField(min_value=1, max_value=720)

    class Meta:
        model = Programme
        fields = [
            "id",
            "name",
            "is_active",
            "starts_on",
            "ends_on",
            "reward_amount",
            "earn_rule",
            "monthly_cap_per_referrer",
            "max_signups_per_ip",
            "burst_count",
            "burst_hours",
        ]
        read_only_fields = ["id"]

    def validate(self, attrs):
        starts = attrs.get("starts_on", getattr(self.instance, "starts_on", None))
        ends = attrs.get("ends_on", getattr(self.instance, "ends_on", None))
        if starts and ends and ends < starts:
            raise serializers.ValidationError(
                {"ends_on": ["The programme cannot end before it starts."]}
            )
        return attrs


class ReportSerializer(serializers.Serializer):
    referrals = serializers.IntegerField()
    converted = serializers.IntegerField()
    conversion_percent = serializers.DecimalField(max_digits=5, decimal_places=1)
    rewards_pending = serializers.IntegerField()
    rewards_earned = serializers.IntegerField()
    rewards_paid = serializers.IntegerField()
    amount_paid = serializers.DecimalField(max_digits=14, decimal_places=2)
    rewards_void = serializers.IntegerField()
    flagged = serializers.IntegerField()
    flagged_by_reason = serializers.DictField(child=serializers.IntegerField())


class PayRunSerializer(serializers.Serializer):
    paid = serializers.IntegerField()
    waiting = serializers.IntegerField()
    failed = serializers.IntegerField()
    skipped = serializers.IntegerField()


def code_display(code: str | None) -> str | None:
    return refcode.display(code) if code else None
