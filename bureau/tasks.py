"""Celery tasks of the bureau app (schedule in bureau.beat; thin over the services).
CRON_ENABLED and BUREAU_EXPORT_ENABLED stop the beat task."""

from datetime import date

from celery import shared_task

from bureau.services import bureau_export_scheduled
from lendingsite.periodic import cron_task


@shared_task(name="bureau.tasks.bureau_export_beat")
@cron_task(switch="BUREAU_EXPORT_ENABLED")
def bureau_export_beat(today: str | None = None) -> int | None:
    """Daily: the file due by BUREAU_FREQUENCY (as of yesterday at the latest), once per
    as-of date. Returns the new file's id, None when there was nothing to write."""
    export = bureau_export_scheduled(today=date.fromisoformat(today) if today else None)
    return export.pk if export else None
