"""Webhook deliveries as Prometheus sees them (integrations.metrics): a delivery given up
after its retry window counts as failed, one being retried as retrying."""

import pytest
from django.utils import timezone
from prometheus_client.parser import text_string_to_metric_families

from integrations import retry
from integrations.outbox import event_write
from integrations.services.deliveries import delivery_attempt, events_dispatch
from lendingsite import metrics
from lendingsite.dates import today_ist

pytestmark = pytest.mark.django_db


def _delivery(endpoint):
    event_write(
        type="endpoint.test",
        data={"endpoint": endpoint.pk, "message": "hi"},
        business_date=today_ist(),
        loan_id=None,
        only_endpoint=endpoint,
    )
    events_dispatch()
    return endpoint.deliveries.order_by("-id").first()


def _scrape(client) -> dict:
    metrics.STATE._cached = None
    text = client.get("/metrics").content.decode()
    return {
        (s.name, tuple(sorted(s.labels.items()))): s.value
        for family in text_string_to_metric_families(text)
        for s in family.samples
        if s.name.startswith("lendingsite_webhook")
    }


def test_failed_and_retrying_deliveries_are_exposed(client, endpoint, receiver, settings):
    settings.METRICS_STATE_SECONDS = 0
    receiver.statuses = [500]
    given_up, retrying = _delivery(endpoint), _delivery(endpoint)
    now = timezone.now()
    for _ in range(retry.MAX_ATTEMPTS):
        delivery_attempt(delivery_id=given_up.pk, now=now)
        given_up.refresh_from_db()
        now = given_up.next_attempt_at or now
    delivery_attempt(delivery_id=retrying.pk)

    assert _scrape(client) == {
        ("lendingsite_webhook_deliveries_failed_total", ()): 1.0,
        ("lendingsite_webhook_deliveries_pending", (("state", "pending"),)): 1.0,
        ("lendingsite_webhook_deliveries_pending", (("state", "retrying"),)): 1.0,
    }
