"""Account emails: plain-text templates in templates/emails/, sent by a Celery task that is
queued only after the transaction that decided to send commits (a rolled-back sign-up never
mails anyone, and the worker never looks for a row that isn't there yet)."""

import smtplib

from celery import shared_task
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string

SUBJECTS = {
    "verify_email": "Confirm your email address for Lendingsite",
    "already_registered": "You already have a Lendingsite account",
    "password_reset": "Reset your Lendingsite password",
}


@shared_task(
    name="accounts.email_send",
    autoretry_for=(OSError, smtplib.SMTPException),
    retry_backoff=True,
    max_retries=5,
)
def email_send_task(template: str, to: str, context: dict) -> None:
    body = render_to_string(f"emails/{template}.txt", context)
    send_mail(SUBJECTS[template], body, None, [to])


def email_send_on_commit(*, template: str, to: str, context: dict) -> None:
    """Queue the email once the surrounding transaction commits. `robust`: a broker outage
    is logged, not turned into an error page after the account was already saved."""
    if template not in SUBJECTS:
        raise ValueError(f"unknown email template {template!r}")
    transaction.on_commit(lambda: email_send_task.delay(template, to, context), robust=True)
