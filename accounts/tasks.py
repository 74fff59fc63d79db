"""Celery tasks: thin wrappers over the services (the schedule is in accounts.beat).
Both are beat-driven, so the CRON_ENABLED kill switch stops them (lendingsite.periodic)."""

from celery import shared_task
from django.db import OperationalError

from accounts.seals import audit_seal_pending
from accounts.services.users import email_tokens_purge_expired
from lendingsite.periodic import cron_task


@shared_task(name="accounts.tasks.audit_seal")
@cron_task
def audit_seal() -> int | None:
    """Seal new audit events into the hash chain; returns how many were sealed."""
    return audit_seal_pending()


@shared_task(
    name="accounts.tasks.email_link_deliver",
    autoretry_for=(OperationalError,),
    retry_backoff=True,
    max_retries=5,
)
def email_link_deliver(kind: str, address: str) -> bool:
    """Issue and mail a verification or reset link if the address has an account that
    needs one (queued for every address alike, accounts.services.auth)."""
    from accounts.services.auth import email_link_deliver as deliver

    return deliver(kind=kind, address=address)


@shared_task(name="accounts.tasks.purge_email_tokens")
@cron_task
def purge_email_tokens() -> int | None:
    """Delete email tokens that expired more than a week ago; returns how many."""
    return email_tokens_purge_expired()


@shared_task(name="accounts.tasks.retention_anonymise")
@cron_task
def retention_anonymise() -> int | None:
    """The weekly retention job (accounts.retention); returns how many were anonymised."""
    from accounts.retention import retention_anonymise as run

    return len(run()["anonymised"])
