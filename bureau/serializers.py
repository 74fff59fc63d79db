"""API shapes of the bureau app."""

from rest_framework import serializers

from bureau.models import BureauExport, BureauIssue, Frequency


class BureauIssueSerializer(serializers.ModelSerializer):
    class Meta:
        model = BureauIssue
        fields = ["id", "loan", "account_number", "kind", "field", "code", "message"]
        read_only_fields = fields


class BureauExportSerializer(serializers.ModelSerializer):
    issues = BureauIssueSerializer(many=True, read_only=True)

    class Meta:
        model = BureauExport
        fields = [
            "id",
            "as_of",
            "frequency",
            "file_name",
            "sha256",
            "records",
            "excluded",
            "rejected",
            "created_by",
            "scheduled",
            "created_at",
            "issues",
        ]
        read_only_fields = fields


class BureauExportCreateSerializer(serializers.Serializer):
    as_of = serializers.DateField()
    frequency = serializers.ChoiceField(choices=Frequency.choices, required=False, default="")


class RejectionUploadSerializer(serializers.Serializer):
    file = serializers.FileField(
        help_text="CSV: Account Number, Segment, Field, Error Code, Error Description"
    )
