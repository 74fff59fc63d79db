"""Officer console: webhook endpoints (subscribe, send a test, roll the secret, enable),
their delivery log (request, response status, latency, attempt; replay), service
accounts and API keys (shown once). Superusers only (no role holds these permissions).
Every change goes through integrations.services."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.utils import timezone

from accounts.roles import ALL_ROLES
from accounts.twofactor.reauth import reauth_required
from integrations import ssrf
from integrations.models import ApiKey, WebhookAttempt, WebhookDelivery, WebhookEndpoint
from integrations.services.apikeys import api_key_create, api_key_revoke, service_account_create
from integrations.services.deliveries import delivery_replay
from integrations.services.endpoints import (
    webhook_endpoint_create,
    webhook_endpoint_secret_rotate,
    webhook_endpoint_test,
    webhook_endpoint_update,
)
from lendingsite.audit_actions import WEBHOOK_EVENT_TYPES
from lendingsite.errors import DomainError

EVENT_CHOICES = [(t, t) for t in sorted(WEBHOOK_EVENT_TYPES)]


class EndpointForm(forms.ModelForm):
    url = forms.URLField(max_length=500, assume_scheme="https")
    event_types = forms.MultipleChoiceField(
        choices=EVENT_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="None ticked: every event.",
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["url", "description", "event_types"]

    def clean_url(self):
        url = self.cleaned_data["url"]
        try:
            ssrf.target_check(url)
        except ssrf.TargetRefused as exc:
            raise forms.ValidationError(str(exc)) from exc
        return url


def _each(modeladmin, request, queryset, fn, done: str):
    count = 0
    for obj in queryset:
        try:
            fn(obj)
            count += 1
        except DomainError as exc:
            modeladmin.message_user(request, f"{obj}: {exc.detail}", messages.ERROR)
    if count:
        modeladmin.message_user(request, f"{done}: {count}.", messages.SUCCESS)


@admin.register(WebhookEndpoint)
class WebhookEndpointAdmin(admin.ModelAdmin):
    form = EndpointForm
    list_display = ["url", "owner", "is_active", "failing_since", "disabled_at", "created_at"]
    list_filter = ["is_active"]
    readonly_fields = ["owner", "is_active", "failing_since", "disabled_at", "disabled_reason"]
    actions = ["send_test", "rotate_secret", "enable"]

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        if change:
            webhook_endpoint_update(
                acting_user=request.user,
                endpoint=obj,
                url=data["url"],
                description=data["description"],
                event_types=data["event_types"],
            )
            return
        created = webhook_endpoint_create(
            acting_user=request.user,
            url=data["url"],
            description=data["description"],
            event_types=data["event_types"],
        )
        obj.pk, obj._state.adding = created.pk, False
        messages.warning(
            request,
            f"Signing secret (shown once; give it to the receiver): {created.secret}",
        )

    @admin.action(description="Send a test event")
    def send_test(self, request, queryset):
        _each(
            self,
            request,
            queryset,
            lambda e: webhook_endpoint_test(acting_user=request.user, endpoint=e),
            "Test events queued",
        )

    @admin.action(description="Roll the signing secret (old one valid 24 h)")
    def rotate_secret(self, request, queryset):
        for endpoint in queryset:
            endpoint = webhook_endpoint_secret_rotate(acting_user=request.user, endpoint=endpoint)
            messages.warning(request, f"{endpoint.url}: new secret (shown once) {endpoint.secret}")

    @admin.action(description="Enable again")
    def enable(self, request, queryset):
        _each(
            self,
            request,
            queryset,
            lambda e: webhook_endpoint_update(acting_user=request.user, endpoint=e, is_active=True),
            "Enabled",
        )


class AttemptInline(admin.TabularInline):
    model = WebhookAttempt
    extra = 0
    can_delete = False
    fields = [
        "number",
        "requested_at",
        "response_status",
        "latency_ms",
        "error",
        "request_headers",
        "request_body",
        "response_body",
    ]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "id",
        "event_type",
        "event_id",
        "endpoint",
        "status",
        "attempts",
        "last_status_code",
        "last_latency_ms",
        "next_attempt_at",
        "created_at",
    ]
    list_filter = ["status", "endpoint", "event__type"]
    list_select_related = ["event", "endpoint"]
    search_fields = ["event__event_id"]
    inlines = [AttemptInline]
    actions = ["replay"]
    readonly_fields = [f.name for f in WebhookDelivery._meta.fields]

    @admin.display(description="event")
    def event_type(self, obj):
        return obj.event.type

    @admin.display(description="webhook-id")
    def event_id(self, obj):
        return obj.event.event_id

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.action(description="Replay (deliver again, same webhook-id)", permissions=["view"])
    def replay(self, request, queryset):
        _each(
            self,
            request,
            queryset.select_related("event", "endpoint"),
            lambda d: delivery_replay(delivery=d, acting_user=request.user),
            "Replays queued",
        )


class ApiKeyForm(forms.ModelForm):
    user = forms.ModelChoiceField(
        queryset=get_user_model().objects.filter(password__startswith="!", is_active=True),
        label="Service account",
        help_text="Users without a password; create one with “New service account” below.",
    )
    new_service_account_email = forms.EmailField(required=False)
    new_service_account_role = forms.ChoiceField(
        choices=[("", "—")] + [(r, r) for r in ALL_ROLES if r != "borrower"], required=False
    )

    class Meta:
        model = ApiKey
        fields = ["name", "user", "expires_at"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "user" in self.fields:  # the add form only; a key is read-only afterwards
            self.fields["user"].required = False

    def clean(self):
        data = super().clean()
        if not data.get("user") and not (
            data.get("new_service_account_email") and data.get("new_service_account_role")
        ):
            raise forms.ValidationError(
                "Choose a service account, or give the email and role of a new one."
            )
        email = data.get("new_service_account_email")
        taken = email and get_user_model().objects.filter(email__iexact=email).exists()
        if not data.get("user") and taken:
            self.add_error("new_service_account_email", "A user with this email exists.")
        expires = data.get("expires_at")
        if expires is not None and expires <= timezone.now():
            self.add_error("expires_at", "The expiry must be in the future.")
        return data


@admin.register(ApiKey)
class ApiKeyAdmin(admin.ModelAdmin):
    form = ApiKeyForm
    list_display = [
        "name",
        "prefix",
        "user",
        "created_by",
        "created_at",
        "expires_at",
        "revoked_at",
        "last_used_at",
    ]
    list_select_related = ["user", "created_by"]
    search_fields = ["name", "prefix", "user__email"]
    actions = ["revoke"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        return [f.name for f in ApiKey._meta.fields if f.name != "hashed_key"]

    def get_fields(self, request, obj=None):
        if obj is None:
            return [
                "name",
                "user",
                "new_service_account_email",
                "new_service_account_role",
                "expires_at",
            ]
        return self.get_readonly_fields(request, obj)

    def has_change_permission(self, request, obj=None):
        return obj is None and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return False

    @reauth_required(when=lambda request: request.method == "POST")
    def add_view(self, request, form_url="", extra_context=None):
        return super().add_view(request, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        data = form.cleaned_data
        user = data.get("user")
        if user is None:
            email = data["new_service_account_email"]
            user = service_account_create(
                acting_user=request.user,
                email=email,
                full_name=f"Service account {email}",
                role=data["new_service_account_role"],
            )
        row, key = api_key_create(
            acting_user=request.user, user=user, name=data["name"], expires_at=data["expires_at"]
        )
        obj.pk, obj._state.adding = row.pk, False
        messages.warning(
            request,
            f"The API key (shown this once; store it now): {key}  — send it as "
            "`Authorization: Api-Key <key>`.",
        )

    @admin.action(description="Revoke selected keys")
    def revoke(self, request, queryset):
        _each(
            self,
            request,
            queryset.filter(revoked_at__isnull=True),
            lambda k: api_key_revoke(acting_user=request.user, api_key=k),
            "Revoked",
        )
