"""Due dates: one period after disbursement, same day of month, clamped to month end."""

from __future__ import annotations

from datetime import date, timedelta

from .errors import ScheduleError
from .terms import FREQUENCIES

_DAYS_IN_MONTH = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)
_STEP_DAYS = {"weekly": 7, "fortnightly": 14}


def days_in_month(year: int, month: int) -> int:
    """Number of days in ``month`` (1-12) of ``year`` (Gregorian leap years)."""
    if month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0):
        return 29
    return _DAYS_IN_MONTH[month - 1]


def add_months(start: date, months: int) -> date:
    """``start`` plus ``months`` calendar months, clamping the day to the month's end.

    31 Jan + 1 month = 28 Feb (29 in a leap year); 31 Jan + 2 months = 31 Mar.
    """
    index = start.month - 1 + months
    year = start.year + index // 12
    month = index % 12 + 1
    day = start.day
    if day > 28:
        day = min(day, days_in_month(year, month))
    return date(year, month, day)


def due_dates(disbursement_date: date, tenure: int, frequency: str = "monthly") -> list[date]:
    """The ``tenure`` due dates of a schedule, each computed from the disbursement date.

    Monthly dates are never chained: installment k falls k months after disbursement (so a
    31 Jan loan is due 29 Feb, 31 Mar, 30 Apr, ... in 2028). Weekly dates are 7 days apart
    and fortnightly dates 14 days apart.
    """
    if frequency not in FREQUENCIES:
        raise ScheduleError(
            f"Unknown repayment frequency {frequency!r}; use one of: {', '.join(FREQUENCIES)}."
        )
    if isinstance(tenure, bool) or not isinstance(tenure, int) or tenure < 1:
        raise ScheduleError("The tenure must be at least 1 installment.")
    try:
        if frequency == "monthly":
            day = disbursement_date.day
            if day > 28:
                return [add_months(disbursement_date, k) for k in range(1, tenure + 1)]
            # days 1-28 exist in every month: no clamping, so skip add_months' checks
            year = disbursement_date.year
            start = disbursement_date.month  # month index (0-based) of the first due date
            return [
                date(year + index // 12, index % 12 + 1, day)
                for index in range(start, start + tenure)
            ]
        step = timedelta(days=_STEP_DAYS[frequency])
        return [disbursement_date + step * k for k in range(1, tenure + 1)]
    except (OverflowError, ValueError):
        raise ScheduleError("The due dates would run past the year 9999.") from None
