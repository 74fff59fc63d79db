"""Shapes for the applications API. Parsing and presentation only: who may do what, the
product limits, eligibility and maker-checker are all in loans.services.applications."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import User
from lendingsite.api_fields import MoneyField, RateField
from loans.models import LoanApplication, LoanProduct


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    text = serializers.CharField()
    points = serializers.IntegerField()
    hard_stop = serializers.BooleanField()


class ApplicationSerializer(serializers.ModelSerializer):
    product = serializers.SlugRelatedField(slug_field="code", read_only=True)
    reasons = ReasonSerializer(many=True, read_only=True)
    apr = serializers.SerializerMethodField()
    loan = serializers.SerializerMethodField()

    class Meta:
        model = LoanApplication
        fields = [
            "id",
            "borrower",
            "product",
            "amount",
            "tenure",
            "purpose",
            "monthly_income",
            "existing_emis",
            "status",
            "score",
            "grade",
            "reasons",
            "submitted_at",
            "created_by",
            "recommended_by",
            "decided_by",
            "decided_at",
            "decision_reason",
            "offered_amount",
            "offered_rate",
            "offer_expires_on",
            "apr",
            "kfs_hash",
            "loan",
            "created_at",
        ]
        read_only_fields = fields

    @extend_schema_field(OpenApiTypes.STR)
    def get_apr(self, app: LoanApplication) -> str | None:
        # Percent with 2 decimals, as the KFS states it (null until an offer is made).
        return app.kfs["apr"] if app.kfs else None

    @extend_schema_field(OpenApiTypes.INT)
    def get_loan(self, app: LoanApplication) -> int | None:
        loan = getattr(app, "loan", None)
        return loan.pk if loan else None


class ApplicationCreateSerializer(serializers.Serializer):
    product = serializers.SlugRelatedField(slug_field="code", queryset=LoanProduct.objects.all())
    borrower = serializers.PrimaryKeyRelatedField(
        queryset=User.objects.all(),
        required=False,
        help_text="Loan officers only: the borrower applied for (default: yourself).",
    )
    amount = MoneyField()
    tenure = serializers.IntegerField(min_value=1, max_value=1000)
    purpose = serializers.CharField(max_length=200)
    monthly_income = MoneyField()
    existing_emis = MoneyField(required=False)


class RecommendSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class ApproveSerializer(serializers.Serializer):
    amount = MoneyField(required=False, allow_null=True)
    annual_rate = RateField(required=False, allow_null=True)


class ReasonInputSerializer(serializers.Serializer):
    # Blank passes through: the service is the one that says a rejection needs a reason.
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=500)


class AcceptSerializer(serializers.Serializer):
    kfs_hash = serializers.CharField(
        required=False,
        max_length=64,
        help_text="The version hash of the KFS you were shown; a different one is refused.",
    )


class AcceptedSerializer(serializers.Serializer):
    loan = serializers.IntegerField()
    status = serializers.CharField()
    application = serializers.IntegerField()


class KfsSerializer(serializers.Serializer):
    """The frozen KFS as stored at approval (every key of loans.kfs.kfs_build) plus its hash."""

    application_id = serializers.IntegerField()
    kfs_hash = serializers.CharField()
    principal = serializers.CharField()
    annual_rate = serializers.CharField()
    apr = serializers.CharField()
    total_interest = serializers.CharField()
    total_charges = serializers.CharField()
    net_disbursed = serializers.CharField()
    total_payable = serializers.CharField()
    valid_until = serializers.DateField()
