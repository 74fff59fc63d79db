"""Webhook deliveries for Prometheus (lendingsite.metrics), read at scrape time (the
deliveries are made by Celery workers)."""

from django.db.models import Count, Q
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily

from integrations.models import DeliveryStatus, WebhookDelivery
from lendingsite.metrics import state_metric


@state_metric("integrations.webhooks")
def webhook_deliveries():
    totals = WebhookDelivery.objects.aggregate(
        failed=Count("id", filter=Q(status=DeliveryStatus.FAILED)),
        retrying=Count("id", filter=Q(status=DeliveryStatus.PENDING, attempts__gt=0)),
        pending=Count("id", filter=Q(status=DeliveryStatus.PENDING)),
    )
    # Deliveries only ever leave "failed" by a replay, which is a new delivery: the number
    # only grows, so Prometheus can take its rate like any counter.
    failed = CounterMetricFamily(
        "lendingsite_webhook_deliveries_failed",
        "Webhook deliveries given up after the retry window",
    )
    failed.add_metric([], totals["failed"])
    waiting = GaugeMetricFamily(
        "lendingsite_webhook_deliveries_pending",
        "Webhook deliveries waiting, and those of them already failed at least once",
        labels=["state"],
    )
    waiting.add_metric(["pending"], totals["pending"])
    waiting.add_metric(["retrying"], totals["retrying"])
    return [failed, waiting]
