"""Celery tasks of messaging, thin over its services (names explicit and stable)."""

import smtplib

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse

from lendingsite.periodic import cron_task
from messaging.services.messages import messages_release_held
from messaging.services.notices import unread_notices_send


@shared_task(name="messaging.release_held")
@cron_task
def release_held() -> int:
    return messages_release_held()


@shared_task(name="messaging.unread_notices")
@cron_task
def unread_notices() -> int:
    return unread_notices_send()


@shared_task(
    name="messaging.unread_email_send",
    autoretry_for=(OSError, smtplib.SMTPException),
    retry_backoff=True,
    max_retries=5,
)
def unread_email_send(to: str, subject: str, thread_id: int) -> None:
    link = settings.SITE_URL + reverse("messages:thread", args=[thread_id])
    body = render_to_string(
        "emails/message_unread.txt",
        {"subject": subject, "link": link, "lender": settings.LENDER_NAME},
    )
    send_mail(f"You have an unread message about {subject}", body, None, [to])
