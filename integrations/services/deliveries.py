"""Turning outbox rows into deliveries, sending them, retrying and giving up
(docs/webhooks.md). The HTTP request is made outside any transaction: a delivery is
claimed first with a conditional UPDATE (its next_attempt_at pushed past the request's
timeout), so two workers never send the same attempt and a crashed worker's claim lapses.
"""

import random
import time
from datetime import UTC, datetime, timedelta

import structlog
import urllib3
from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from integrations import http, retry, signing, ssrf
from integrations.models import (
    DeliveryStatus,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEndpoint,
    WebhookEvent,
)
from lendingsite.audit import audit_record

log = structlog.get_logger(__name__)

DISPATCH_BATCH = 500
CLAIM_SECONDS = 120  # longer than the request's timeouts together


def envelope(event: WebhookEvent) -> dict:
    """What the receiver gets (docs/webhooks.md): the same on every retry and replay."""
    return {
        "id": event.event_id,
        "type": event.type,
        "version": event.version,
        "timestamp": event.occurred_at.astimezone(UTC).isoformat().replace("+00:00", "Z"),
        "business_date": event.business_date.isoformat(),
        "sequence": event.pk,
        "loan": event.loan_id,
        "data": event.data,
    }


def _on_commit_deliver(ids: list[int]) -> None:
    from integrations.tasks import deliver  # tasks import this module

    def send():
        for pk in ids:
            deliver.delay(pk)

    if ids:
        transaction.on_commit(send, robust=True)


def events_dispatch(*, limit: int = DISPATCH_BATCH) -> int:
    """Create the deliveries of undispatched events, oldest first; returns how many events."""
    now = timezone.now()
    with transaction.atomic():
        events = list(
            WebhookEvent.objects.filter(dispatched_at__isnull=True)
            .select_for_update(skip_locked=True)
            .order_by("id")[:limit]
        )
        if not events:
            return 0
        endpoints = list(WebhookEndpoint.objects.filter(is_active=True))
        deliveries = []
        for event in events:
            for endpoint in endpoints:
                wanted = (
                    endpoint.pk == event.only_endpoint_id
                    if event.only_endpoint_id
                    else endpoint.subscribes(event.type)
                )
                if wanted:
                    deliveries.append(
                        WebhookDelivery(event=event, endpoint=endpoint, next_attempt_at=now)
                    )
        created = WebhookDelivery.objects.bulk_create(deliveries)
        WebhookEvent.objects.filter(pk__in=[e.pk for e in events]).update(dispatched_at=now)
        _on_commit_deliver([d.pk for d in created if d.pk])
    return len(events)


def deliveries_due(*, now: datetime | None = None, limit: int = 1000) -> list[int]:
    now = now or timezone.now()
    return list(
        WebhookDelivery.objects.filter(
            status=DeliveryStatus.PENDING, next_attempt_at__lte=now, endpoint__is_active=True
        )
        .order_by("next_attempt_at", "id")
        .values_list("pk", flat=True)[:limit]
    )


def _claim(pk: int, now: datetime) -> bool:
    return bool(
        WebhookDelivery.objects.filter(
            pk=pk, status=DeliveryStatus.PENDING, next_attempt_at__lte=now
        ).update(next_attempt_at=now + timedelta(seconds=CLAIM_SECONDS))
    )


def _secrets(endpoint: WebhookEndpoint, now: datetime) -> list[str]:
    keys = [endpoint.secret]
    if endpoint.previous_secret and (
        endpoint.previous_secret_expires_at is None or endpoint.previous_secret_expires_at > now
    ):
        keys.append(endpoint.previous_secret)
    return keys


def _post(target: ssrf.Target, body: str, headers: dict) -> tuple[int | None, str, str]:
    """(status, response body, error), sent to the checked address (integrations.http)."""
    try:
        status, text = http.pinned_post(
            target,
            body=body.encode(),
            headers=headers,
            connect_timeout=settings.WEBHOOK_CONNECT_TIMEOUT,
            read_timeout=settings.WEBHOOK_READ_TIMEOUT,
        )
    except (urllib3.exceptions.HTTPError, OSError) as exc:
        return None, "", f"{type(exc).__name__}: {exc}"[:300]
    return status, text, ""


def delivery_attempt(*, delivery_id: int, now: datetime | None = None, rng=None) -> str | None:
    """Send one attempt of a due delivery; returns its status afterwards, or None when it
    was not due (or another worker has it)."""
    now = now or timezone.now()
    if not _claim(delivery_id, now):
        return None
    delivery = WebhookDelivery.objects.select_related("event", "endpoint").get(pk=delivery_id)
    endpoint, event = delivery.endpoint, delivery.event
    if not endpoint.is_active:
        # Disabled meanwhile: the delivery stays pending (its claim lapses) and goes out
        # with the sweep once the endpoint is enabled again.
        return None
    body = signing.body_render(envelope(event))
    headers = signing.headers_build(
        msg_id=event.event_id, timestamp=now, body=body, secrets_=_secrets(endpoint, now)
    )
    started = time.monotonic()
    try:
        # Resolved once: the connection goes to the address checked here.
        target = ssrf.target_resolve(endpoint.url)
    except ssrf.TargetRefused as exc:
        status, text, error = None, "", f"refused: {exc}"[:300]
    else:
        status, text, error = _post(target, body, headers)
    latency = int((time.monotonic() - started) * 1000)
    ok = status is not None and 200 <= status < 300
    with transaction.atomic():
        delivery = WebhookDelivery.objects.select_for_update().get(pk=delivery_id)
        delivery.attempts += 1
        WebhookAttempt.objects.create(
            delivery=delivery,
            number=delivery.attempts,
            requested_at=now,
            url=endpoint.url,
            request_headers=headers,
            request_body=body,
            response_status=status,
            response_body=text,
            latency_ms=latency,
            error=error,
        )
        delivery.last_status_code, delivery.last_latency_ms, delivery.last_error = (
            status,
            latency,
            error,
        )
        if ok:
            delivery.status, delivery.delivered_at, delivery.next_attempt_at = (
                DeliveryStatus.SUCCEEDED,
                now,
                None,
            )
            if endpoint.failing_since is not None:  # a success ends a failing run
                WebhookEndpoint.objects.filter(pk=endpoint.pk).update(failing_since=None)
        else:
            delay = retry.retry_delay(delivery.attempts, rng or random.Random())  # noqa: S311
            if delay is None:
                delivery.status, delivery.next_attempt_at = DeliveryStatus.FAILED, None
            else:
                delivery.next_attempt_at = now + delay
            _endpoint_failed(endpoint_id=endpoint.pk, now=now)
        delivery.save()
    log.info(
        "webhook_attempt",
        delivery=delivery_id,
        attempt=delivery.attempts,
        status=status,
        latency_ms=latency,
        outcome=delivery.status,
    )
    return delivery.status


def _endpoint_failed(*, endpoint_id: int, now: datetime) -> None:
    """Start the failure clock, or disable the endpoint once it has run for
    WEBHOOK_DISABLE_AFTER_DAYS without a single success, and tell its owner."""
    endpoint = (
        WebhookEndpoint.objects.select_for_update().select_related("owner").get(pk=endpoint_id)
    )
    if endpoint.failing_since is None:
        endpoint.failing_since = now
        endpoint.save(update_fields=["failing_since"])
        return
    if not endpoint.is_active:
        return
    if now - endpoint.failing_since < timedelta(days=settings.WEBHOOK_DISABLE_AFTER_DAYS):
        return
    endpoint.is_active = False
    endpoint.disabled_at = now
    endpoint.disabled_reason = (
        f"Every delivery failed for {settings.WEBHOOK_DISABLE_AFTER_DAYS} days "
        f"(since {endpoint.failing_since:%Y-%m-%d %H:%M} UTC)."
    )
    endpoint.save(update_fields=["is_active", "disabled_at", "disabled_reason"])
    audit_record(
        action="webhook_endpoint.disabled",
        actor=None,
        target=endpoint,
        after={"url": endpoint.url, "reason": endpoint.disabled_reason},
    )
    owner_email = endpoint.owner.email
    transaction.on_commit(
        lambda: send_mail(
            subject="Lendingsite: your webhook endpoint was disabled",
            message=(
                f"The endpoint {endpoint.url} (id {endpoint.pk}) was disabled. "
                f"{endpoint.disabled_reason} Fix the receiver, then enable it again in the "
                "console or with PATCH /api/v1/webhook-endpoints/{id}/ "
                '{"is_active": true}; failed deliveries can be replayed.'
            ),
            from_email=None,
            recipient_list=[owner_email],
            fail_silently=True,
        )
    )


def delivery_replay(*, delivery: WebhookDelivery, acting_user) -> WebhookDelivery:
    """A new delivery of the same event to the same endpoint: the same webhook-id, so a
    receiver that already processed it can tell."""
    with transaction.atomic():
        again = WebhookDelivery.objects.create(
            event=delivery.event,
            endpoint=delivery.endpoint,
            next_attempt_at=timezone.now(),
            replay_of=delivery,
        )
        audit_record(
            action="webhook_delivery.replayed",
            actor=acting_user,
            target=again,
            after={"replay_of": delivery.pk, "event": delivery.event.event_id},
        )
        _on_commit_deliver([again.pk])
    return again


REPLAY_RANGE_MAX = 1000


def deliveries_replay_range(
    *,
    endpoint: WebhookEndpoint,
    since: datetime,
    acting_user,
    until: datetime | None = None,
    only_failed: bool = True,
) -> int:
    """Replay, to one endpoint, the events it received (or should have) in [since, until):
    by default only the ones whose last delivery did not succeed. Capped."""
    deliveries = WebhookDelivery.objects.filter(
        endpoint=endpoint, event__occurred_at__gte=since, replay_of__isnull=True
    )
    if until is not None:
        deliveries = deliveries.filter(event__occurred_at__lt=until)
    if only_failed:
        succeeded = WebhookDelivery.objects.filter(
            endpoint=endpoint, status=DeliveryStatus.SUCCEEDED
        ).values("event_id")
        deliveries = deliveries.exclude(
            Q(status=DeliveryStatus.SUCCEEDED) | Q(event_id__in=succeeded)
        )
    chosen = list(deliveries.select_related("event").order_by("event_id")[:REPLAY_RANGE_MAX])
    now = timezone.now()
    with transaction.atomic():
        created = WebhookDelivery.objects.bulk_create(
            WebhookDelivery(event=d.event, endpoint=endpoint, next_attempt_at=now, replay_of=d)
            for d in chosen
        )
        audit_record(
            action="webhook_delivery.replayed",
            actor=acting_user,
            target=endpoint,
            after={
                "since": since,
                "until": until,
                "only_failed": only_failed,
                "count": len(created),
            },
        )
        _on_commit_deliver([d.pk for d in created if d.pk])
    return len(created)
