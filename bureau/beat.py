"""Periodic jobs of the bureau app, collected by lendingsite.periodic into beat."""

from lendingsite.periodic import PeriodicSpec

PERIODIC_TASKS = [
    PeriodicSpec(
        name="bureau.export",
        task="bureau.tasks.bureau_export_beat",
        # Daily after the day-end (00:30) and the month-end close (02:00): it writes a file
        # only when a period (BUREAU_FREQUENCY) ended and none is as of its last day yet.
        crontab="0 4 * * *",
        description="Credit bureau file as of the last period end (BUREAU_FREQUENCY)",
    ),
]
