"""Periodic jobs of the mandates app, collected by lendingsite.periodic into beat."""

from lendingsite.periodic import PeriodicSpec

PERIODIC_TASKS = [
    PeriodicSpec(
        name="mandates.presentations_run",
        task="mandates.tasks.presentations_run",
        crontab="0 6 * * *",
        description="Auto-debit: present the installments due in MANDATE_PRESENT_DAYS_BEFORE "
        "days, and the re-presentations due today",
    ),
]
