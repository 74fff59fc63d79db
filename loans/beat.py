"""Periodic jobs of the loans app, collected by lendingsite.periodic into beat."""

from lendingsite.periodic import PeriodicSpec

PERIODIC_TASKS = [
    PeriodicSpec(
        name="loans.expire_offers",
        task="loans.tasks.expire_offers",
        crontab="5 0 * * *",
        description="Expire loan offers whose Key Fact Statement validity has passed",
    ),
]
