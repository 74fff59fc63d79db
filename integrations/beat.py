"""Periodic jobs of the integrations app, collected by lendingsite.periodic into beat."""

from lendingsite.periodic import PeriodicSpec

PERIODIC_TASKS = [
    PeriodicSpec(
        name="integrations.sweep_webhooks",
        task="integrations.tasks.sweep_webhooks",
        interval_seconds=60,
        description="Dispatch undispatched webhook events and queue the retries now due",
    ),
]
