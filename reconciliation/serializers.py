"""API shapes of the reconciliation app (parsing and presentation only)."""

from rest_framework import serializers

from loans.models import Loan
from reconciliation.models import StatementFormat, StatementImport, StatementLine, VirtualAccount


class VirtualAccountSerializer(serializers.ModelSerializer):
    loan_reference = serializers.SerializerMethodField()

    class Meta:
        model = VirtualAccount
        fields = [
            "id",
            "loan",
            "provider",
            "account_number",
            "ifsc",
            "vpa",
            "loan_reference",
            "created_at",
        ]
        read_only_fields = fields

    def get_loan_reference(self, account) -> str:
        return f"LN{account.loan_id:08d}"


class StatementImportSerializer(serializers.ModelSerializer):
    class Meta:
        model = StatementImport
        fields = [
            "id",
            "file_name",
            "file_format",
            "sha256",
            "uploaded_by",
            "created_at",
            "lines",
            "credits",
            "posted",
            "duplicates",
            "queued",
            "credited_amount",
            "posted_amount",
        ]
        read_only_fields = fields


class StatementUploadSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="CSV (Txn Date, Value Date, Description, Ref No./Cheque No., Debit, Credit, "
        "Balance) or SWIFT MT940"
    )
    file_format = serializers.ChoiceField(
        choices=StatementFormat.choices,
        required=False,
        allow_blank=True,
        default="",
        help_text="csv or mt940; left out, it is told from the file's first bytes",
    )


class StatementLineSerializer(serializers.ModelSerializer):
    class Meta:
        model = StatementLine
        fields = [
            "id",
            "statement",
            "line_no",
            "txn_date",
            "value_date",
            "narration",
            "reference",
            "utr",
            "credit",
            "debit",
            "balance",
            "status",
            "match_kind",
            "reason",
            "loan",
            "payment",
            "assigned_by",
            "assign_note",
            "decided_by",
            "decided_at",
        ]
        read_only_fields = fields


class AssignSerializer(serializers.Serializer):
    loan = serializers.PrimaryKeyRelatedField(queryset=Loan.objects.all())
    note = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class RefundSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)
