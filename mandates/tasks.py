"""Celery tasks of the mandates app (thin over the services)."""

from celery import shared_task

from mandates.services import presentations_run


@shared_task(name="mandates.tasks.presentations_run")
def presentations_run_task() -> dict:
    run = presentations_run()
    return {"presented": run.presented, "represented": run.represented, "skipped": run.skipped}
