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
    PeriodicSpec(
        name="accounts.retention_anonymise",
        task="accounts.tasks.retention_anonymise",
        crontab="30 2 * * 0",
        description="Anonymise borrowers whose relationship ended more than RETENTION_YEARS ago",
    ),
]
