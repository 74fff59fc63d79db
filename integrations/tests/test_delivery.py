"""Delivery: Standard Webhooks signatures (checked with the reference verifier), retries
with backoff against a failing local receiver, the same webhook-id every time, disabling
after the failure window, replay, SSRF refusal."""

import itertools
import json
import random
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from integrations import retry
from integrations.models import DeliveryStatus, WebhookDelivery
from integrations.outbox import event_write
from integrations.services.deliveries import (
    deliveries_due,
    delivery_attempt,
    delivery_replay,
    events_dispatch,
)
from integrations.services.endpoints import webhook_endpoint_secret_rotate
from lendingsite.dates import today_ist

pytestmark = pytest.mark.django_db


def _one_delivery(endpoint, type_="endpoint.test") -> WebhookDelivery:
    event_write(
        type=type_,
        data={"endpoint": endpoint.pk, "message": "hi"},
        business_date=today_ist(),
        loan_id=None,
        only_endpoint=endpoint,
    )
    events_dispatch()
    return WebhookDelivery.objects.get(endpoint=endpoint)


def _verify(secret, request) -> dict:
    headers = {k.lower(): v for k, v in request["headers"].items()}
    return Webhook(secret).verify(request["body"], headers)


def test_a_delivery_is_signed_per_standard_webhooks(endpoint, receiver):
    delivery = _one_delivery(endpoint)
    assert delivery_attempt(delivery_id=delivery.pk) == DeliveryStatus.SUCCEEDED
    (request,) = receiver.requests
    payload = _verify(endpoint.secret, request)
    assert payload["id"] == delivery.event.event_id == request["headers"]["webhook-id"]
    assert payload["type"] == "endpoint.test"
    assert payload["version"] == 1
    assert payload["sequence"] == delivery.event.pk
    assert payload["business_date"] == today_ist().isoformat()
    with pytest.raises(WebhookVerificationError):
        _verify("whsec_" + "QUJD" * 11, request)  # some other secret
    delivery.refresh_from_db()
    assert delivery.attempts == 1 and delivery.last_status_code == 200
    attempt = delivery.log.get()
    assert attempt.response_status == 200 and attempt.latency_ms is not None
    assert json.loads(attempt.request_body) == payload


def test_during_a_secret_roll_both_secrets_verify(endpoint, admin_user, receiver):
    old = endpoint.secret
    endpoint = webhook_endpoint_secret_rotate(acting_user=admin_user, endpoint=endpoint)
    delivery = _one_delivery(endpoint)
    delivery_attempt(delivery_id=delivery.pk)
    (request,) = receiver.requests
    assert len(request["headers"]["webhook-signature"].split(" ")) == 2
    assert _verify(old, request)["id"] == delivery.event.event_id
    assert _verify(endpoint.secret, request)["id"] == delivery.event.event_id


def test_after_the_overlap_only_the_new_secret_signs(endpoint, admin_user, receiver):
    endpoint = webhook_endpoint_secret_rotate(
        acting_user=admin_user, endpoint=endpoint, keep_old_hours=0
    )
    delivery = _one_delivery(endpoint)
    delivery_attempt(delivery_id=delivery.pk)
    (request,) = receiver.requests
    assert len(request["headers"]["webhook-signature"].split(" ")) == 1
    assert _verify(endpoint.secret, request)


def test_a_failing_receiver_gets_retries_with_backoff_and_the_same_id(endpoint, receiver):
    receiver.statuses = [500, 503, 500, 200]
    delivery = _one_delivery(endpoint)
    rng = random.Random(7)
    now = timezone.now()
    gaps = []
    for _ in range(4):
        status = delivery_attempt(delivery_id=delivery.pk, now=now, rng=rng)
        delivery.refresh_from_db()
        if status == DeliveryStatus.SUCCEEDED:
            break
        gaps.append(delivery.next_attempt_at - now)
        # Not due before its time: nothing is sent.
        assert delivery_attempt(delivery_id=delivery.pk, now=now + gaps[-1] / 2) is None
        now = delivery.next_attempt_at
    assert delivery.status == DeliveryStatus.SUCCEEDED and delivery.attempts == 4
    assert len(receiver.requests) == 4
    ids = {r["headers"]["webhook-id"] for r in receiver.requests}
    assert ids == {delivery.event.event_id}
    assert all(later > earlier for earlier, later in itertools.pairwise(gaps))
    assert [a.response_status for a in delivery.log.all()] == [500, 503, 500, 200]
    endpoint.refresh_from_db()
    assert endpoint.failing_since is None  # the success ended the failing run


def test_a_delivery_gives_up_after_the_last_attempt(endpoint, receiver):
    receiver.statuses = [500]
    delivery = _one_delivery(endpoint)
    now = timezone.now()
    for _ in range(retry.MAX_ATTEMPTS):
        delivery_attempt(delivery_id=delivery.pk, now=now)
        delivery.refresh_from_db()
        now = delivery.next_attempt_at or now
    assert delivery.status == DeliveryStatus.FAILED
    assert delivery.attempts == retry.MAX_ATTEMPTS
    assert delivery.next_attempt_at is None


def test_an_endpoint_failing_for_the_window_is_disabled_and_its_owner_told(
    endpoint, receiver, settings, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_DISABLE_AFTER_DAYS = 3
    receiver.statuses = [500]
    delivery = _one_delivery(endpoint)
    start = timezone.now()
    delivery_attempt(delivery_id=delivery.pk, now=start)
    endpoint.refresh_from_db()
    assert endpoint.failing_since == start and endpoint.is_active
    later = start + timedelta(days=3, minutes=1)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(next_attempt_at=later)
    with django_capture_on_commit_callbacks(execute=True):
        delivery_attempt(delivery_id=delivery.pk, now=later)
    endpoint.refresh_from_db()
    assert not endpoint.is_active and endpoint.disabled_at == later
    assert "3 days" in endpoint.disabled_reason
    (message,) = mail.outbox
    assert message.to == [endpoint.owner.email]
    assert endpoint.url in message.body
    # A disabled endpoint's deliveries are not due.
    assert deliveries_due(now=later + timedelta(days=1)) == []


def test_replay_sends_the_same_event_id_again(endpoint, admin_user, receiver):
    delivery = _one_delivery(endpoint)
    delivery_attempt(delivery_id=delivery.pk)
    again = delivery_replay(delivery=delivery, acting_user=admin_user)
    assert again.pk != delivery.pk and again.replay_of_id == delivery.pk
    delivery_attempt(delivery_id=again.pk)
    first, second = receiver.requests
    assert first["headers"]["webhook-id"] == second["headers"]["webhook-id"]
    assert json.loads(first["body"]) == json.loads(second["body"])


def test_a_private_target_is_refused_when_the_setting_says_so(endpoint, receiver, settings):
    settings.WEBHOOK_ALLOW_PRIVATE_TARGETS = False
    delivery = _one_delivery(endpoint)
    delivery_attempt(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert receiver.requests == []
    assert delivery.last_error.startswith("refused:")
    assert "127.0.0.1" in delivery.last_error


def test_a_timeout_is_a_failed_attempt(endpoint, settings, monkeypatch):
    from urllib3.exceptions import ReadTimeoutError

    def slow(*args, **kwargs):
        raise ReadTimeoutError(None, "/hooks", "read timed out")

    monkeypatch.setattr("integrations.services.deliveries.http.pinned_post", slow)
    delivery = _one_delivery(endpoint)
    delivery_attempt(delivery_id=delivery.pk)
    delivery.refresh_from_db()
    assert delivery.status == DeliveryStatus.PENDING and delivery.attempts == 1
    assert delivery.last_error.startswith("ReadTimeoutError")


def test_a_disabled_endpoint_gets_nothing_until_enabled(endpoint, admin_user, receiver):
    from integrations.services.endpoints import webhook_endpoint_update

    delivery = _one_delivery(endpoint)
    webhook_endpoint_update(acting_user=admin_user, endpoint=endpoint, is_active=False)
    assert delivery_attempt(delivery_id=delivery.pk) is None
    assert receiver.requests == []
    webhook_endpoint_update(acting_user=admin_user, endpoint=endpoint, is_active=True)
    later = timezone.now() + timedelta(minutes=3)  # the lapsed claim
    assert delivery.pk in deliveries_due(now=later)
    assert delivery_attempt(delivery_id=delivery.pk, now=later) == DeliveryStatus.SUCCEEDED
    assert len(receiver.requests) == 1
