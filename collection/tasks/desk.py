"""Celery tasks of the collections desk: thin, beat-driven wrappers over the services
(schedules in collection.beat). CRON_ENABLED stops all three; REMINDERS_ENABLED and
SCORING_ENABLED stop their own (lendingsite.periodic.cron_task)."""

from datetime import date

from celery import shared_task

from collection.services.reminders import reminders_release_held, reminders_send
from collection.services.scoring import collector_scores_compute, last_full_week_start
from lendingsite.dates import today_ist
from lendingsite.periodic import cron_task


@shared_task(name="collection.tasks_desk.reminders_send")
@cron_task(switch="REMINDERS_ENABLED")
def reminders_send_task(business_date: str | None = None) -> dict | None:
    """Daily at 09:00 IST: the day's due and promise reminders."""
    day = date.fromisoformat(business_date) if business_date else today_ist()
    return reminders_send(business_date=day)


@shared_task(name="collection.tasks_desk.reminders_release_held")
@cron_task(switch="REMINDERS_ENABLED")
def reminders_release_held_task() -> dict | None:
    """Every 15 minutes: send held reminders once calling hours (08:00-19:00 IST) open."""
    return reminders_release_held()


@shared_task(name="collection.tasks_desk.collector_scores_compute")
@cron_task(switch="SCORING_ENABLED")
def collector_scores_compute_task(week_start: str | None = None) -> int | None:
    """Mondays at 06:00 IST: the scores of the week that ended on Sunday."""
    monday = date.fromisoformat(week_start) if week_start else last_full_week_start(today_ist())
    return collector_scores_compute(week_start=monday)
