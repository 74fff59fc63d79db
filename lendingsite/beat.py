"""Periodic jobs of the platform, collected by lendingsite.periodic into beat."""

from lendingsite.periodic import PeriodicSpec

PERIODIC_TASKS = [
    PeriodicSpec(
        name="lendingsite.idempotency_purge",
        task="lendingsite.tasks.idempotency_purge",
        crontab="17 * * * *",
        description="Delete Idempotency-Key records kept past IDEMPOTENCY_TTL_HOURS",
    ),
]
