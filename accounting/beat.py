"""Periodic jobs of the books, collected by lendingsite.periodic into beat."""

from lendingsite.periodic import PeriodicSpec

PERIODIC_TASKS = [
    PeriodicSpec(
        name="accounting.month_end_close",
        task="accounting.tasks.month_end_beat",
        # Daily after the day-end (00:30); it acts only when yesterday was a month-end,
        # since cron cannot say "the last day of the month".
        crontab="0 2 * * *",
        description="Month-end close: interest accrual, NPA income reversal, provisions",
    ),
]
