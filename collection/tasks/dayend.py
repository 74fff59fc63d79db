"""The day-end tasks of the collections app (schedules in collection.beat).

The day-end fans out: `day_end_beat` (00:30 IST, for the day just ended) plans the run and
sends one `day_end_chunk` task per loan-id chunk in a chord whose body is `day_end_finish`;
workers on any number of machines share the chunks. Each task is a thin wrapper over
collection.dayend.job, the same functions `manage.py run_day_end` runs in one process, so
both paths give the same database. CRON_ENABLED and DAY_END_ENABLED stop the nightly
beat task (lendingsite.switches); a run already sent to the workers finishes.
"""

from datetime import date, timedelta

from celery import shared_task
from django.conf import settings
from django.db import OperationalError

from collection.dayend import job
from lendingsite.dates import today_ist
from lendingsite.periodic import cron_task


def day_end_dispatch(*, business_date: date, chunk_size: int | None = None) -> int | None:
    """Plan the run for `business_date` and hand its pending chunks to the workers.
    Returns the run id, or None when the date is refused (logged)."""
    return job.DAY_END.dispatch(
        lambda: job.day_end_plan(
            business_date=business_date,
            chunk_size=chunk_size or settings.DAY_END_CHUNK_SIZE,
        ),
        chunk_task=day_end_chunk,
        finish_task=day_end_finish,
        business_date=str(business_date),
    )


@shared_task(name="collection.tasks.day_end_beat")
@cron_task(switch="DAY_END_ENABLED")
def day_end_beat(business_date: str | None = None) -> int | None:
    """Nightly at 00:30 IST: the day-end for the day just ended (or `business_date`)."""
    day = date.fromisoformat(business_date) if business_date else today_ist() - timedelta(days=1)
    return day_end_dispatch(business_date=day)


@shared_task(
    name="collection.tasks.day_end_chunk",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=3,
)
def day_end_chunk(chunk_id: int) -> dict:
    """One loan-id chunk of a run (a no-op if it is already done)."""
    return job.day_end_chunk_process(chunk_id=chunk_id)


@shared_task(name="collection.tasks.day_end_finish")
def day_end_finish(run_id: int) -> int:
    """After every chunk: assign new cases, settle promises, mark the run completed."""
    return job.day_end_finish(run_id=run_id).pk
