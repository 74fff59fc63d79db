"""Celery tasks of the notification service (collection.notices): delivery after commit,
the sweep every five minutes, and the daily "offer about to lapse" notices."""

from datetime import date

from celery import shared_task
from django.db import OperationalError

from collection.notices.jobs import offers_expiring_notify
from collection.notices.service import notices_deliver, notices_deliver_due
from lendingsite.dates import today_ist
from lendingsite.periodic import cron_task


@shared_task(
    name="collection.tasks_notices.notices_deliver",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def notices_deliver_task(keys: list[str] | None = None) -> dict:
    """After a commit: deliver these notices (None: every transactional notice due). A
    retry sends nothing twice (collection.notices.service)."""
    if keys is None:
        return notices_deliver_due(recovery=False)
    return notices_deliver(keys=keys)


@shared_task(name="collection.tasks_notices.notices_release")
@cron_task
def notices_release_task() -> dict | None:
    """Every 5 minutes: transactional notices whose delivery task was lost (a broker
    outage, a worker killed) go out; they wait for no calling hours."""
    return notices_deliver_due(recovery=False)


@shared_task(name="collection.tasks_notices.offers_expiring_notify")
@cron_task
def offers_expiring_notify_task(business_date: str | None = None) -> int | None:
    """Daily at 10:00 IST: offers that lapse within the next working day."""
    day = date.fromisoformat(business_date) if business_date else today_ist()
    return offers_expiring_notify(business_date=day)
