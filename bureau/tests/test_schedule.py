"""The bureau file's schedule: which as-of date is due on a day (pure, hypothesis over
dates), the periods following one another without a gap, and the periodic job writing
one file per as-of date, stopped by its kill switch."""

import calendar
from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accounts.models import AuditEvent
from accounts.roles import FINANCE
from accounts.tests.factories import staff
from bureau import schedule
from bureau.models import BureauExport
from bureau.services import bureau_export_create, bureau_export_scheduled
from lendingsite.dates import today_ist
from lendingsite.periodic import declared_periodic_tasks
from loans.tests.factories import active_loan

FREQUENCIES = st.sampled_from([schedule.MONTHLY, schedule.FORTNIGHTLY, schedule.WEEKLY])
DAYS = st.dates(min_value=date(2001, 1, 1), max_value=date(2099, 12, 31))


def is_period_end(day: date, frequency: str) -> bool:
    """Written from the rule's words, independently of bureau.schedule."""
    month_end = day.day == calendar.monthrange(day.year, day.month)[1]
    if frequency == schedule.MONTHLY:
        return month_end
    if frequency == schedule.FORTNIGHTLY:
        return month_end or day.day == 15
    return day.isoweekday() == 7


def test_known_dates():
    due = schedule.as_of_due
    assert due(date(2026, 3, 1), "monthly") == date(2026, 2, 28)
    assert due(date(2026, 3, 31), "monthly") == date(2026, 2, 28)
    assert due(date(2026, 3, 15), "fortnightly") == date(2026, 2, 28)
    assert due(date(2026, 3, 16), "fortnightly") == date(2026, 3, 15)
    assert due(date(2024, 3, 1), "fortnightly") == date(2024, 2, 29)
    # 2026-12-06 is a Sunday: due the next day, not on the day itself.
    assert due(date(2026, 12, 6), "weekly") == date(2026, 11, 29)
    assert due(date(2026, 12, 7), "weekly") == date(2026, 12, 6)
    with pytest.raises(ValueError):
        due(date(2026, 3, 1), "daily")


@given(DAYS, FREQUENCIES)
def test_the_due_as_of_is_the_latest_period_end_before_today(today, frequency):
    as_of = schedule.as_of_due(today, frequency)
    assert as_of < today
    assert is_period_end(as_of, frequency)
    between = (as_of + timedelta(days=n) for n in range(1, (today - as_of).days))
    assert not any(is_period_end(day, frequency) for day in between)


@given(DAYS, FREQUENCIES)
def test_the_periods_leave_no_gap(today, frequency):
    as_of = schedule.as_of_due(today, frequency)
    previous = schedule.as_of_due(as_of, frequency)
    start = schedule.period_start(as_of, frequency)
    assert start <= previous + timedelta(days=1)  # no day left out
    if frequency == schedule.MONTHLY:
        # "A month back" from the 30th or 31st may reach a day or two into the month
        # before (a loan closed then is reported twice), never further.
        assert start > previous - timedelta(days=3)
    else:
        assert start == previous + timedelta(days=1)  # exact halves of months, weeks


def test_the_job_is_declared_for_beat():
    (spec,) = [s for s in declared_periodic_tasks() if s.name == "bureau.export"]
    assert spec.task == "bureau.tasks.bureau_export_beat" and spec.crontab == "0 4 * * *"


@pytest.mark.django_db
def test_the_job_writes_one_file_per_as_of_date(settings):
    settings.BUREAU_FREQUENCY = "fortnightly"
    today = today_ist()
    as_of = schedule.as_of_due(today, "fortnightly")
    active_loan(disbursed_on=as_of - timedelta(days=30))
    first = bureau_export_scheduled(today=today)
    assert (first.as_of, first.frequency, first.scheduled, first.created_by) == (
        as_of,
        "fortnightly",
        True,
        None,
    )
    assert first.records + first.excluded == 1
    assert bureau_export_scheduled(today=today) is None
    assert BureauExport.objects.count() == 1
    assert AuditEvent.objects.filter(action="bureau_export.created").count() == 1


@pytest.mark.django_db
def test_a_file_written_by_hand_for_that_date_counts(settings):
    settings.BUREAU_FREQUENCY = "weekly"
    as_of = schedule.as_of_due(today_ist(), "weekly")
    bureau_export_create(acting_user=staff(FINANCE), as_of=as_of, frequency="weekly")
    assert bureau_export_scheduled() is None
    assert BureauExport.objects.count() == 1


@pytest.mark.django_db
def test_the_kill_switch_stops_the_beat_task(settings):
    from bureau import tasks

    settings.BUREAU_FREQUENCY = "monthly"
    today = today_ist().isoformat()
    settings.BUREAU_EXPORT_ENABLED = False
    assert tasks.bureau_export_beat.delay(today).get() is None
    assert not BureauExport.objects.exists()
    settings.BUREAU_EXPORT_ENABLED = True
    export_id = tasks.bureau_export_beat.delay(today).get()
    assert BureauExport.objects.get().pk == export_id
    assert tasks.bureau_export_beat.delay(today).get() is None
