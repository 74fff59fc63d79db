"""The day-end's state for Prometheus (lendingsite.metrics): read at scrape time from its
run table, because the job runs in a Celery worker that serves no /metrics."""

from datetime import UTC, datetime, time

from django.utils import timezone
from prometheus_client.core import GaugeMetricFamily

from collection.models import DayEndRun
from lendingsite.metrics import state_metric

RECENT_RUNS = 7  # one series per date: a week is enough to see a pattern, and bounded


def _date_seconds(day) -> float:
    return datetime.combine(day, time(0), tzinfo=UTC).timestamp()


@state_metric("collection.day_end")
def day_end_state():
    runs = list(
        DayEndRun.objects.filter(job="day_end", forced_loan__isnull=True)
        .order_by("-business_date")
        .values("business_date", "status", "duration_ms", "started_at", "loans_processed")[
            :RECENT_RUNS
        ]
    )
    duration = GaugeMetricFamily(
        "lendingsite_day_end_duration_seconds",
        "Day-end run duration by business date and status (a running run: time so far)",
        labels=["business_date", "status"],
    )
    loans = GaugeMetricFamily(
        "lendingsite_day_end_loans_processed",
        "Loans the day-end processed, by business date and status",
        labels=["business_date", "status"],
    )
    now = timezone.now()
    for run in runs:
        labels = [run["business_date"].isoformat(), run["status"]]
        seconds = (
            run["duration_ms"] / 1000
            if run["duration_ms"] is not None
            else (now - run["started_at"]).total_seconds()
        )
        duration.add_metric(labels, seconds)
        loans.add_metric(labels, run["loans_processed"])
    last = (
        DayEndRun.objects.filter(job="day_end", forced_loan__isnull=True, status="completed")
        .order_by("-business_date")
        .values_list("business_date", flat=True)
        .first()
    )
    completed = GaugeMetricFamily(
        "lendingsite_day_end_last_completed_date_seconds",
        "The latest business date whose day-end completed, as Unix time of its midnight UTC "
        "(0 when none has)",
    )
    completed.add_metric([], _date_seconds(last) if last else 0)
    return [duration, loans, completed]
