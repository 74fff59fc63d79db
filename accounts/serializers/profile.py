"""Shapes for the profile and KYC endpoints. Parsing only: every rule (PAN format and
uniqueness, age, file type and size, who may do what) is in the services."""

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import BorrowerProfile, EmploymentType, KycDocType, KycDocument
from accounts.selectors import mask_pan, mask_phone
from lendingsite.api_fields import MoneyField


@extend_schema_field(OpenApiTypes.STR)
class MaskedField(serializers.Field):
    """PII leaves the API masked, even to its owner: a leaked token or a shoulder-surfed
    screen should not yield a usable PAN or phone number."""

    def __init__(self, mask, **kwargs):
        self.mask = mask
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def to_representation(self, value):
        return self.mask(value)


class ProfileSerializer(serializers.ModelSerializer):
    email = serializers.EmailField(source="user.email", read_only=True)
    phone = MaskedField(mask_phone)
    pan = MaskedField(mask_pan)
    kyc_verified = serializers.BooleanField(read_only=True)
    # Blank until the borrower says (the schema's enum must allow "" as the answers do).
    employment_type = serializers.ChoiceField(
        choices=EmploymentType.choices, allow_blank=True, read_only=True
    )

    class Meta:
        model = BorrowerProfile
        fields = [
            "id",
            "email",
            "full_name",
            "phone",
            "pan",
            "date_of_birth",
            "address",
            "employment_type",
            "employer",
            "monthly_income",
            "kyc_verified",
            "updated_at",
        ]
        read_only_fields = fields


class ProfileUpdateSerializer(serializers.Serializer):
    full_name = serializers.CharField(required=False, allow_blank=True)
    phone = serializers.CharField(required=False, allow_blank=True)
    pan = serializers.CharField(required=False, allow_blank=True)
    date_of_birth = serializers.DateField(required=False, allow_null=True)
    address = serializers.CharField(required=False, allow_blank=True)
    employment_type = serializers.ChoiceField(
        choices=EmploymentType.choices, required=False, allow_blank=True
    )
    employer = serializers.CharField(required=False, allow_blank=True)
    monthly_income = MoneyField(required=False, allow_null=True)


class KycDocumentSerializer(serializers.ModelSerializer):
    class Meta:
        model = KycDocument
        fields = [
            "id",
            "profile",
            "doc_type",
            "status",
            "content_type",
            "size",
            "sha256",
            "uploaded_at",
            "uploaded_by",
            "verified_by",
            "verified_at",
            "rejection_reason",
            "superseded_at",
            "superseded_by",
        ]
        read_only_fields = fields


class KycUploadSerializer(serializers.Serializer):
    doc_type = serializers.ChoiceField(choices=KycDocType.choices)
    # allow_empty_file: the service answers an empty file in its own words.
    file = serializers.FileField(allow_empty_file=True, use_url=False)


class KycRejectSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=300)
