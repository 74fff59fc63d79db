"""When the bureau file falls due and what period it covers (docs/bureau.md, "Schedule").
Pure date arithmetic, tested with hypothesis in bureau/tests/test_schedule.py.

A file is as of the end of a period: monthly the month-end; fortnightly the 15th and the
month-end (as RBI asks of credit institutions since 2025); weekly each Sunday. It is
written the day after, once that day's day-end has run, so on any day the file due is the
one of the latest period end *before* today.
"""

from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

MONTHLY, FORTNIGHTLY, WEEKLY = "monthly", "fortnightly", "weekly"
SUNDAY = 6


def as_of_due(today: date, frequency: str) -> date:
    """The as-of date of the latest period that ended before `today`."""
    month_end = today.replace(day=1) - timedelta(days=1)  # the last one before today
    if frequency == MONTHLY:
        return month_end
    if frequency == FORTNIGHTLY:
        return today.replace(day=15) if today.day > 15 else month_end
    if frequency == WEEKLY:
        yesterday = today - timedelta(days=1)
        return yesterday - timedelta(days=(yesterday.weekday() - SUNDAY) % 7)
    raise ValueError(f"unknown bureau frequency {frequency!r}")


def period_start(as_of: date, frequency: str) -> date:
    """The first day the file covers (a loan closed since is reported once more). For the
    scheduled as-of dates the periods follow one another without a gap."""
    if frequency == WEEKLY:
        return as_of - timedelta(days=6)
    if frequency == FORTNIGHTLY:
        # The half-month holding as_of: 1st-15th, 16th-month-end.
        return as_of.replace(day=1 if as_of.day <= 15 else 16)
    return as_of - relativedelta(months=1) + timedelta(days=1)
