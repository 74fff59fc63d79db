"""Shapes for the applications API. Parsing and presentation only: who may do what, the
product limits, eligibility and maker-checker are all in loans.services.applications."""

from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import User
from lendingsite.api_fields import MoneyField, RateField
from lendingsite.guard import APPLICATION_PROTECTED_FIELDS, ProtectedFieldsMixin
from loans.models import LoanApplication, LoanProduct


class ReasonSerializer(serializers.Serializer):
    code = serializers.CharField()
    text = serializers.CharField()
    points = serializers.IntegerField()
    hard_stop = serializers.BooleanField()


class OverrideSerializer(serializers.Serializer):
    codes = serializers.ListField(child=serializers.CharField())
    reason = serializers.CharField()
    by = serializers.IntegerField()
    at = serializers.DateTimeField()


class ApplicationSerializer(serializers.ModelSerializer):
    product = serializers.SlugRelatedField(slug_field="code", read_only=True)
    reasons = ReasonSerializer(many=True, read_only=True)
    hard_stops = serializers.SerializerMethodField()
    hard_stop_override = serializers.SerializerMethodField()
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
            "hard_stops",
            "hard_stop_override",
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

    @extend_schema_field(serializers.ListField(child=serializers.CharField()))
    def get_hard_stops(self, app: LoanApplication) -> list[str]:
        return [r["code"] for r in app.reasons or [] if r.get("hard_stop")]

    @extend_schema_field(OverrideSerializer(allow_null=True))
    def get_hard_stop_override(self, app: LoanApplication) -> dict | None:
        # Who set which hard stops aside and why (null when none was overridden).
        if not app.hard_stop_override_by_id:
            return None
        return {
            "codes": app.hard_stop_override_codes,
            "reason": app.hard_stop_override_reason,
            "by": app.hard_stop_override_by_id,
            "at": app.hard_stop_override_at,
        }

    @extend_schema_field(serializers.CharField(allow_null=True))
    def get_apr(self, app: LoanApplication) -> str | None:
        # Percent with 2 decimals, as the KFS states it (null until an offer is made).
        return app.kfs["apr"] if app.kfs else None

    @extend_schema_field(serializers.IntegerField(allow_null=True))
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


class ApplicationUpdateSerializer(ProtectedFieldsMixin, serializers.Serializer):
    """PATCH: the figures an application was made on. The decision fields (status, score,
    grade, reasons, offer, override...) are refused as a whole (403 protected_field)."""

    protected_fields = APPLICATION_PROTECTED_FIELDS

    monthly_income = MoneyField(required=False)
    existing_emis = MoneyField(required=False)


class OverrideInputSerializer(serializers.Serializer):
    # Blank passes through: the service says in its words that a reason is needed.
    reason = serializers.CharField(required=False, allow_blank=True, default="", max_length=2000)


class DecisionOfferSerializer(serializers.Serializer):
    amount = MoneyField(allow_null=True, read_only=True)
    annual_rate = RateField(allow_null=True, read_only=True)
    apr = serializers.DecimalField(max_digits=7, decimal_places=2, allow_null=True, read_only=True)
    problem = serializers.CharField(allow_blank=True)


class DecisionAccountSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    holder_name = serializers.CharField()
    account_number = serializers.CharField(help_text="masked: the last 4 digits")
    ifsc = serializers.CharField()
    bank = serializers.CharField()
    status = serializers.CharField()
    status_reason = serializers.CharField()


class DecisionSerializer(serializers.Serializer):
    """Today's score and what approving now would do (GET …/decision/)."""

    score = serializers.IntegerField()
    grade = serializers.CharField()
    reasons = ReasonSerializer(many=True)
    hard_stops = serializers.ListField(child=serializers.CharField())
    hard_stops_not_overridden = serializers.ListField(child=serializers.CharField())
    hard_stops_not_overridable = serializers.ListField(child=serializers.CharField())
    offer = DecisionOfferSerializer()
    bank_account = DecisionAccountSerializer(allow_null=True)
    can_approve = serializers.BooleanField()


def decision_data(view) -> dict:
    account = view.account
    return {
        "score": view.result.score,
        "grade": view.result.grade,
        "reasons": [r.as_dict() for r in view.result.reasons],
        "hard_stops": [r.code for r in view.hard_stops],
        "hard_stops_not_overridden": view.uncovered,
        "hard_stops_not_overridable": view.not_overridable,
        "offer": {
            "amount": view.amount,
            "annual_rate": view.rate,
            "apr": view.apr,
            "problem": view.offer_problem,
        },
        "bank_account": None
        if account is None
        else {
            "id": account.pk,
            "holder_name": account.holder_name,
            "account_number": account.masked_number,
            "ifsc": account.ifsc,
            "bank": account.bank_name,
            "status": account.status,
            "status_reason": account.status_reason,
        },
        "can_approve": not view.uncovered and not view.offer_problem and view.account_verified,
    }


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
