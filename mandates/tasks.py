"""Celery tasks of the mandates app (thin over the services). The presentation is
beat-driven: CRON_ENABLED and MANDATES_ENABLED stop it (lendingsite.switches)."""

from celery import shared_task

from lendingsite.periodic import cron_task
from mandates.services import presentations_run


@shared_task(name="mandates.tasks.presentations_run")
@cron_task(switch="MANDATES_ENABLED")
def presentations_run_task() -> dict:
    run = presentations_run()
    return {"presented": run.presented, "represented": run.represented, "skipped": run.skipped}
