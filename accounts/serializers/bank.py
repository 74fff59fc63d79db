"""Shapes for the bank account endpoints. Parsing and presentation only: IFSC and number
checks, who may add or verify, and the name match are in accounts.services.bank_accounts.
The account number leaves the API masked (the last 4 digits), even to its owner."""

from rest_framework import serializers

from accounts.models import BankAccount
from accounts.services.bank_accounts import EVIDENCE


class BankAccountSerializer(serializers.ModelSerializer):
    account_number = serializers.CharField(
        source="masked_number", read_only=True, help_text="masked: only the last 4 digits"
    )
    is_current = serializers.BooleanField(read_only=True)
    borrower = serializers.IntegerField(source="profile.user_id", read_only=True)

    class Meta:
        model = BankAccount
        fields = [
            "id",
            "borrower",
            "holder_name",
            "account_number",
            "ifsc",
            "bank_name",
            "branch",
            "status",
            "status_reason",
            "name_at_bank",
            "verification_method",
            "verified_by",
            "verified_at",
            "officer_check_required",
            "is_current",
            "created_at",
            "replaced_at",
        ]
        read_only_fields = fields


class BankAccountCreateSerializer(serializers.Serializer):
    # Plain strings: the service answers a bad number or IFSC in its own words.
    holder_name = serializers.CharField(max_length=200, allow_blank=True)
    account_number = serializers.CharField(max_length=40, allow_blank=True)
    ifsc = serializers.CharField(max_length=20, allow_blank=True)


class BankAccountVerifySerializer(serializers.Serializer):
    name_seen = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=200,
        help_text="The holder's name as a document shows it; empty: run the account verifier.",
    )
    # A plain string: the service checks it after who may verify (403 before 400).
    evidence = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=40,
        help_text=f"With name_seen, the document it was read from: {', '.join(EVIDENCE)}.",
    )
