"""Periodic jobs of messaging, collected by lendingsite.periodic into beat."""

from lendingsite.periodic import PeriodicSpec

PERIODIC_TASKS = [
    PeriodicSpec(
        name="messaging.release_held",
        task="messaging.release_held",
        crontab="*/5 * * * *",
        description="Deliver collectors' messages held outside calling hours (08:00-19:00 IST)",
    ),
    PeriodicSpec(
        name="messaging.unread_notices",
        task="messaging.unread_notices",
        crontab="*/5 * * * *",
        description="Email borrowers about a message unread for a while (once per stretch)",
    ),
]
