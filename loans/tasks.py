"""Celery tasks of the loans app: thin wrappers over the services (the schedule is in
loans.beat). Beat-driven, so the CRON_ENABLED kill switch stops them."""

from celery import shared_task

from lendingsite.dates import today_ist
from lendingsite.periodic import cron_task
from loans.services.applications import applications_expire


@shared_task(name="loans.tasks.expire_offers")
@cron_task
def expire_offers() -> int | None:
    """Expire approved offers whose KFS validity ended before today (IST); returns how many.
    Run just after midnight, so an offer stays open for the whole of its last day."""
    return applications_expire(business_date=today_ist())
