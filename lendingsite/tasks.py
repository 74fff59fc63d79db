"""Celery tasks of the platform: thin wrappers over services (the schedule is in
lendingsite.beat). Beat-driven, so the CRON_ENABLED kill switch stops them."""

from celery import shared_task

from lendingsite.idempotency import idempotency_purge_expired
from lendingsite.periodic import cron_task


@shared_task(name="lendingsite.tasks.idempotency_purge")
@cron_task
def idempotency_purge() -> int | None:
    """Delete Idempotency-Key records past their expiry; returns how many."""
    return idempotency_purge_expired()
