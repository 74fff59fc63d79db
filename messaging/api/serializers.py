"""API shapes of messaging."""

from django.conf import settings
from rest_framework import serializers

from messaging.services.messages import MESSAGE_MAX_CHARS
from messaging.services.moderation import REASON_MAX


class ThreadSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    borrower = serializers.IntegerField(source="borrower_id", read_only=True)
    application = serializers.IntegerField(source="application_id", read_only=True, allow_null=True)
    loan = serializers.IntegerField(source="loan_id", read_only=True, allow_null=True)
    subject = serializers.CharField(read_only=True)
    created_at = serializers.DateTimeField(read_only=True)
    last_message_at = serializers.DateTimeField(read_only=True, allow_null=True)
    unread = serializers.IntegerField(read_only=True, help_text="messages you have not read")

    def to_representation(self, instance):
        data = super().to_representation(instance)
        data["unread"] = getattr(instance, "unread", None) or 0
        return data


class ThreadOpenSerializer(serializers.Serializer):
    application = serializers.IntegerField(min_value=1, required=False)
    loan = serializers.IntegerField(min_value=1, required=False)

    def validate(self, attrs):
        if ("application" in attrs) == ("loan" in attrs):
            raise serializers.ValidationError("Give either `application` or `loan`.")
        return attrs


class MessageSerializer(serializers.Serializer):
    """messaging.presenters.message_view: what the caller may see of one message."""

    id = serializers.IntegerField()
    thread = serializers.IntegerField()
    mine = serializers.BooleanField()
    from_staff = serializers.BooleanField()
    sender = serializers.CharField()
    body = serializers.CharField(help_text="empty when hidden (borrower) or erased")
    attachment_url = serializers.CharField()
    attachment_type = serializers.CharField()
    created_at = serializers.DateTimeField()
    delivered_at = serializers.DateTimeField(allow_null=True)
    held_until = serializers.DateTimeField(
        allow_null=True, help_text="held for calling hours until then (staff see it)"
    )
    hidden = serializers.BooleanField()
    hidden_reason = serializers.CharField(help_text="staff only")
    reported = serializers.BooleanField()
    erased = serializers.BooleanField()
    read = serializers.BooleanField(help_text="the other side has read it")


class MessagePostSerializer(serializers.Serializer):
    body = serializers.CharField(
        max_length=MESSAGE_MAX_CHARS, required=False, allow_blank=True, default=""
    )
    file = serializers.FileField(
        required=False,
        max_length=200,
        help_text=f"PDF, JPEG or PNG, at most {settings.KYC_MAX_UPLOAD_BYTES // (1024 * 1024)} MB",
    )


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=REASON_MAX, allow_blank=False)


class ReportSerializer(serializers.Serializer):
    reason = serializers.CharField(max_length=REASON_MAX, required=False, allow_blank=True)
