"""The books' part of seed_demo: the close of the last month-end, so the console's Books
page and the provisions API have figures (idempotent: a completed close is kept)."""

from datetime import date, timedelta

from accounting.close.job import month_end_run
from accounting.selectors import trial_balance
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError


def accounting_demo_seed(*, today: date | None = None) -> str:
    """Close the month that ended before `today`; return the line seed_demo prints."""
    month_end = (today or today_ist()).replace(day=1) - timedelta(days=1)
    try:
        run = month_end_run(business_date=month_end)
    except DomainError as exc:  # an operator closed a later month already
        return f"Books: close for {month_end} not run ({exc.detail})"
    provision = run.counts.get("provision", {}).get("required", "0.00")
    balanced = trial_balance(as_of=month_end)["balanced"]
    return (
        f"Books: close for {month_end} {run.status} (run {run.pk}), provisions ₹{provision}, "
        f"trial balance {'balanced' if balanced else 'NOT balanced'}"
    )
