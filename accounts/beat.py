"""Periodic jobs of the accounts app, collected by lendingsite.periodic into beat."""

from lendingsite.periodic import PeriodicSpec

PERIODIC_TASKS = [
    PeriodicSpec(
        name="accounts.audit_seal",
        task="accounts.tasks.audit_seal",
        interval_seconds=60,
        description="Seal new audit events into the hash chain",
    ),
    PeriodicSpec(
        name="accounts.purge_email_tokens",
        task="accounts.tasks.purge_email_tokens",
        crontab="15 3 * * *",
        description="Delete email verification and reset tokens that expired over a week ago",
    ),
]
