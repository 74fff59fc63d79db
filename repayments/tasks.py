"""Celery tasks of the repayments app: thin wrappers over the services (the schedule is in
repayments.beat). Beat-driven, so the CRON_ENABLED kill switch stops them."""

from celery import shared_task

from lendingsite.dates import today_ist
from lendingsite.periodic import cron_task
from repayments.services.exits import exit_requests_lapse


@shared_task(name="repayments.tasks.lapse_exit_requests")
@cron_task
def lapse_exit_requests() -> int | None:
    """Lapse cooling-off exit requests whose pay-by date ended before today (IST); returns
    how many. Run just after midnight, so a request stays open for the whole of its last day."""
    return exit_requests_lapse(business_date=today_ist())


@shared_task(name="repayments.tasks.moratorium_apply")
def moratorium_apply(moratorium_id: int) -> dict:
    """Apply a moratorium to its loans still pending (repayments.services.servicing
    .moratoria): idempotent and resumable, so a retried or repeated task is harmless."""
    from loans.models import Moratorium
    from repayments.services.servicing.moratoria import moratorium_run

    return moratorium_run(moratorium=Moratorium.objects.get(pk=moratorium_id))
