"""The one place that reads the clock for business dates (DESIGN §2)."""

from datetime import date, timedelta

from django.utils import timezone


def today_ist() -> date:
    """Today's business date in IST (settings.TIME_ZONE)."""
    return timezone.localdate()


def add_working_days(start: date, days: int) -> date:
    """`days` working days after `start`, Monday to Friday (public holidays are not
    modelled yet: the KFS validity then errs on the long side only over weekends)."""
    current, left = start, days
    while left > 0:
        current += timedelta(days=1)
        if current.weekday() < 5:
            left -= 1
    return current
