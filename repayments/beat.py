"""Periodic jobs of the repayments app, collected by lendingsite.periodic into beat."""

from lendingsite.periodic import PeriodicSpec

PERIODIC_TASKS = [
    PeriodicSpec(
        name="repayments.lapse_exit_requests",
        task="repayments.tasks.lapse_exit_requests",
        crontab="10 0 * * *",
        description="Lapse cooling-off exit requests not paid by their pay-by date",
    ),
]
