"""Webhook endpoints: register, change, roll the secret, send a test event."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from integrations import signing, ssrf
from integrations.models import WebhookEndpoint
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.audit_actions import WEBHOOK_EVENT_TYPES
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError


def _url_check(url: str) -> None:
    try:
        ssrf.target_check(url)
    except ssrf.TargetRefused as exc:
        raise DomainError("validation_error", str(exc), errors={"url": [str(exc)]}) from exc


def _types_check(event_types: list[str]) -> list[str]:
    unknown = sorted(set(event_types) - set(WEBHOOK_EVENT_TYPES))
    if unknown:
        message = f"Unknown event types: {', '.join(unknown)}."
        raise DomainError("validation_error", message, errors={"event_types": [message]})
    return sorted(set(event_types))


@refusals_audited("webhook_endpoint.create_refused")
@transaction.atomic
def webhook_endpoint_create(
    *, acting_user, url: str, event_types: list[str], description: str = ""
) -> WebhookEndpoint:
    _url_check(url)
    endpoint = WebhookEndpoint.objects.create(
        owner=acting_user,
        url=url,
        description=description,
        event_types=_types_check(event_types),
        secret=signing.secret_new(),
    )
    audit_record(
        action="webhook_endpoint.created",
        actor=acting_user,
        target=endpoint,
        after={"url": url, "event_types": endpoint.event_types},
    )
    return endpoint


@refusals_audited("webhook_endpoint.update_refused")
@transaction.atomic
def webhook_endpoint_update(
    *,
    acting_user,
    endpoint: WebhookEndpoint,
    url: str | None = None,
    event_types: list[str] | None = None,
    description: str | None = None,
    is_active: bool | None = None,
) -> WebhookEndpoint:
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    before = {
        "url": endpoint.url,
        "event_types": endpoint.event_types,
        "is_active": endpoint.is_active,
    }
    if url is not None:
        _url_check(url)
        endpoint.url = url
    if event_types is not None:
        endpoint.event_types = _types_check(event_types)
    if description is not None:
        endpoint.description = description
    if is_active is not None and is_active != endpoint.is_active:
        endpoint.is_active = is_active
        if is_active:  # enabled again: the failure clock starts afresh
            endpoint.failing_since = None
            endpoint.disabled_at = None
            endpoint.disabled_reason = ""
    endpoint.save()
    audit_record(
        action="webhook_endpoint.updated",
        actor=acting_user,
        target=endpoint,
        before=before,
        after={
            "url": endpoint.url,
            "event_types": endpoint.event_types,
            "is_active": endpoint.is_active,
        },
    )
    return endpoint


@transaction.atomic
def webhook_endpoint_secret_rotate(
    *, acting_user, endpoint: WebhookEndpoint, keep_old_hours: int | None = None
) -> WebhookEndpoint:
    """A new secret signs from now on; the old one keeps signing too (a second signature)
    for `keep_old_hours` (default WEBHOOK_SECRET_OVERLAP_HOURS) so the receiver can roll."""
    hours = settings.WEBHOOK_SECRET_OVERLAP_HOURS if keep_old_hours is None else keep_old_hours
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    endpoint.previous_secret = endpoint.secret if hours > 0 else ""
    endpoint.previous_secret_expires_at = (
        timezone.now() + timedelta(hours=hours) if hours > 0 else None
    )
    endpoint.secret = signing.secret_new()
    endpoint.save(update_fields=["secret", "previous_secret", "previous_secret_expires_at"])
    audit_record(
        action="webhook_endpoint.secret_rotated",
        actor=acting_user,
        target=endpoint,
        after={"old_valid_until": endpoint.previous_secret_expires_at},
    )
    return endpoint


@transaction.atomic
def webhook_endpoint_test(*, acting_user, endpoint: WebhookEndpoint):
    """An `endpoint.test` event for this endpoint only (through the outbox like any other)."""
    from integrations.outbox import event_write

    event = event_write(
        type="endpoint.test",
        data={"endpoint": endpoint.pk, "message": "A test event from Lendingsite."},
        business_date=today_ist(),
        loan_id=None,
        only_endpoint=endpoint,
    )
    audit_record(
        action="webhook_endpoint.tested",
        actor=acting_user,
        target=endpoint,
        after={"event": event.event_id},
    )
    return event


@transaction.atomic
def webhook_secret_keys_rotate(*, acting_user=None) -> int:
    """Re-encrypt every endpoint's secrets under the first key of WEBHOOK_SECRET_KEYS
    (each is read with whichever key encrypted it and written back under the first), so
    the older keys can then be dropped. Returns how many endpoints were rewritten."""
    rewritten = 0
    # A partner's endpoints are few (tens): one list, not a cursor kept open over updates.
    for endpoint in list(WebhookEndpoint.objects.select_for_update().order_by("id")):
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
            secret=endpoint.secret, previous_secret=endpoint.previous_secret
        )
        rewritten += 1
    audit_record(
        action="webhook_secret_keys.rotated",
        actor=acting_user,
        target_type=WebhookEndpoint._meta.label_lower,
        after={"endpoints": rewritten},
    )
    return rewritten
