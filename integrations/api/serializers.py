"""Serializers of the integrations API: exact types and limits (the schema is fuzzed)."""

from django.contrib.auth import get_user_model
from rest_framework import serializers

from integrations.models import ApiKey, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from lendingsite.audit_actions import WEBHOOK_EVENT_TYPES

EVENT_TYPES = sorted(WEBHOOK_EVENT_TYPES)


class EventTypesField(serializers.ListField):
    child = serializers.ChoiceField(choices=EVENT_TYPES)

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", len(EVENT_TYPES))
        kwargs.setdefault("allow_empty", True)
        super().__init__(**kwargs)


class WebhookEndpointSerializer(serializers.ModelSerializer):
    event_types = EventTypesField(
        required=False, help_text="Event types to receive; empty: every event."
    )

    class Meta:
        model = WebhookEndpoint
        fields = [
            "id",
            "url",
            "description",
            "event_types",
            "is_active",
            "failing_since",
            "disabled_at",
            "disabled_reason",
            "previous_secret_expires_at",
            "created_at",
        ]
        read_only_fields = [
            "id",
            "is_active",
            "failing_since",
            "disabled_at",
            "disabled_reason",
            "previous_secret_expires_at",
            "created_at",
        ]


class WebhookEndpointCreatedSerializer(WebhookEndpointSerializer):
    secret = serializers.CharField(
        read_only=True, help_text="whsec_…: shown here and after a rotation only."
    )

    class Meta(WebhookEndpointSerializer.Meta):
        fields = [*WebhookEndpointSerializer.Meta.fields, "secret"]


class WebhookEndpointUpdateSerializer(serializers.Serializer):
    url = serializers.URLField(max_length=500, required=False)
    description = serializers.CharField(max_length=200, required=False, allow_blank=True)
    event_types = EventTypesField(required=False)
    is_active = serializers.BooleanField(required=False)


class SecretRotateSerializer(serializers.Serializer):
    keep_old_hours = serializers.IntegerField(
        min_value=0,
        max_value=168,
        required=False,
        help_text="How long the old secret keeps signing too (default 24).",
    )


class SecretSerializer(serializers.Serializer):
    secret = serializers.CharField()
    previous_secret_expires_at = serializers.DateTimeField(allow_null=True)


class TestEventSerializer(serializers.Serializer):
    event = serializers.CharField(help_text="The test event's id (evt_…).")


class ReplayRangeSerializer(serializers.Serializer):
    since = serializers.DateTimeField()
    until = serializers.DateTimeField(required=False, allow_null=True)
    only_failed = serializers.BooleanField(default=True)

    def validate(self, attrs):
        until = attrs.get("until")
        if until is not None and until <= attrs["since"]:
            raise serializers.ValidationError({"until": ["Must be after `since`."]})
        return attrs


class ReplayCountSerializer(serializers.Serializer):
    queued = serializers.IntegerField()


class DeliverySerializer(serializers.ModelSerializer):
    event = serializers.CharField(source="event.event_id")
    event_type = serializers.CharField(source="event.type")

    class Meta:
        model = WebhookDelivery
        fields = [
            "id",
            "event",
            "event_type",
            "status",
            "attempts",
            "next_attempt_at",
            "last_status_code",
            "last_latency_ms",
            "last_error",
            "replay_of",
            "created_at",
            "delivered_at",
        ]
        read_only_fields = fields


class AttemptSerializer(serializers.ModelSerializer):
    class Meta:
        model = WebhookAttempt
        fields = [
            "number",
            "requested_at",
            "url",
            "request_headers",
            "request_body",
            "response_status",
            "response_body",
            "latency_ms",
            "error",
        ]
        read_only_fields = fields


class DeliveryDetailSerializer(DeliverySerializer):
    log = AttemptSerializer(many=True, read_only=True)

    class Meta(DeliverySerializer.Meta):
        fields = [*DeliverySerializer.Meta.fields, "log"]
        read_only_fields = fields


class ApiKeySerializer(serializers.ModelSerializer):
    class Meta:
        model = ApiKey
        fields = [
            "id",
            "name",
            "user",
            "prefix",
            "created_by",
            "created_at",
            "expires_at",
            "revoked_at",
            "last_used_at",
        ]
        read_only_fields = fields


class ApiKeyCreateSerializer(serializers.Serializer):
    name = serializers.CharField(max_length=100)
    user = serializers.PrimaryKeyRelatedField(
        queryset=get_user_model().objects.all(),
        help_text="The service account (a user without a password) the key acts as.",
    )
    expires_at = serializers.DateTimeField(required=False, allow_null=True)


class ApiKeyCreatedSerializer(ApiKeySerializer):
    key = serializers.CharField(read_only=True, help_text="The key itself: shown this once.")

    class Meta(ApiKeySerializer.Meta):
        fields = [*ApiKeySerializer.Meta.fields, "key"]
        read_only_fields = fields
