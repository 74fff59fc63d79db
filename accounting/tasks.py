"""Celery tasks of the books (schedule in accounting.beat). The close fans out like the
day-end: `month_end_beat` plans the run and sends one `month_end_chunk` task per loan-id
chunk in a chord whose body is `month_end_finish`. Each task is a thin wrapper over
accounting.close.job, the functions `manage.py run_month_end` runs in one process.
CRON_ENABLED and MONTH_END_ENABLED (the close's own kill switch) stop the beat task."""

from datetime import date, timedelta

from celery import shared_task
from django.conf import settings
from django.db import OperationalError

from accounting.close import job
from accounting.models import RunKind
from lendingsite.dates import today_ist
from lendingsite.periodic import cron_task


def month_end_dispatch(
    *, business_date: date, kind: str = RunKind.CLOSE, chunk_size: int | None = None
) -> int | None:
    """Plan the run and hand its pending chunks to the workers. Returns the run id, or
    None when the date is refused (logged)."""
    return job.MONTH_END.dispatch(
        lambda: job.month_end_plan(
            business_date=business_date,
            kind=kind,
            chunk_size=chunk_size or settings.MONTH_END_CHUNK_SIZE,
        ),
        chunk_task=month_end_chunk,
        finish_task=month_end_finish,
        business_date=str(business_date),
    )


@shared_task(name="accounting.tasks.month_end_beat")
@cron_task(switch="MONTH_END_ENABLED")
def month_end_beat(business_date: str | None = None) -> int | None:
    """Daily at 02:00 IST (after the day-end): on the first of a month, the close of the
    month just ended (or of `business_date`); any other day does nothing."""
    if business_date:
        day = date.fromisoformat(business_date)
    else:
        day = today_ist() - timedelta(days=1)
        if not job.is_month_end(day):
            return None
    return month_end_dispatch(business_date=day)


@shared_task(
    name="accounting.tasks.month_end_chunk",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def month_end_chunk(chunk_id: int) -> dict:
    return job.month_end_chunk_process(chunk_id=chunk_id)


@shared_task(name="accounting.tasks.month_end_finish")
def month_end_finish(run_id: int) -> int:
    return job.month_end_finish(run_id=run_id).pk
