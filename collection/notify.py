"""How a message reaches a borrower. Email goes through Django's email API (EMAIL_URL picks
the transport: console in development, SMTP in production, the test outbox in tests). SMS
goes through the class named by settings.SMS_BACKEND, so a gateway (MSG91, Gupshup, an
aggregator's HTTP API) is one small class with a `send` method:

    class Msg91Backend(BaseSmsBackend):
        def send(self, *, to: str, body: str) -> None: ...   # raise DeliveryError on failure

Backends raise on failure; the caller records the failure on the notification row.
"""

import sys

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

EMAIL = "email"
SMS = "sms"
CHANNELS = (EMAIL, SMS)  # that reach the borrower; the in-app copy is stored, not sent
IN_APP = "in_app"


class DeliveryError(Exception):
    """The message could not be handed to its channel."""


class BaseSmsBackend:
    def send(self, *, to: str, body: str) -> None:
        raise NotImplementedError


class ConsoleSmsBackend(BaseSmsBackend):
    """Development: prints the SMS, as Django's console email backend prints mail."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def send(self, *, to: str, body: str) -> None:
        self.stream.write(f"SMS to {to}: {body}\n")
        self.stream.flush()


# What LocmemSmsBackend "sent", like django.core.mail.outbox; tests clear it.
outbox: list[dict] = []


class LocmemSmsBackend(BaseSmsBackend):
    """Tests: keeps every SMS in `collection.notify.outbox`."""

    def send(self, *, to: str, body: str) -> None:
        outbox.append({"to": to, "body": body})


class UnconfiguredSmsBackend(BaseSmsBackend):
    """Production default: every SMS fails visibly (status `failed` in the notification
    log) until a real gateway is configured, rather than vanishing into a console."""

    def send(self, *, to: str, body: str) -> None:
        raise DeliveryError("No SMS gateway is configured (set SMS_BACKEND).")


def sms_backend() -> BaseSmsBackend:
    return import_string(settings.SMS_BACKEND)()


def message_deliver(*, channel: str, to: str, subject: str, body: str) -> None:
    """Hand one message to its channel; raises (DeliveryError or the transport's own
    error) when it could not be sent."""
    if not to:
        raise DeliveryError(f"No {channel} address on file for the borrower.")
    if channel == EMAIL:
        send_mail(subject, body, None, [to], fail_silently=False)
    elif channel == SMS:
        sms_backend().send(to=to, body=body)
    else:
        raise DeliveryError(f"Unknown channel {channel!r}.")
