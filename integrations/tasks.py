"""Celery tasks of the integrations app: thin wrappers over integrations.services.
The sweep is beat-driven (integrations.beat); the others are queued after commits."""

from celery import shared_task

from integrations.services.deliveries import deliveries_due, delivery_attempt, events_dispatch
from lendingsite.periodic import cron_task


@shared_task(name="integrations.tasks.dispatch_events")
def dispatch_events() -> int:
    """Create deliveries for every undispatched outbox row (queued after each commit that
    wrote events); loops until the outbox is drained."""
    total = 0
    while (count := events_dispatch()) > 0:
        total += count
    return total


@shared_task(name="integrations.tasks.deliver", acks_late=True)
def deliver(delivery_id: int) -> str | None:
    return delivery_attempt(delivery_id=delivery_id)


@shared_task(name="integrations.tasks.sweep_webhooks")
@cron_task
def sweep_webhooks() -> int:
    """Every minute: dispatch what no commit hook did, and queue the retries now due."""
    dispatch_events()
    due = deliveries_due()
    for pk in due:
        deliver.delay(pk)
    return len(due)
