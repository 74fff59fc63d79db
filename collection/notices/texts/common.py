"""What every text shares: the Texts triple, links to the site, the letter's greeting and
signature (with the grievance officer), amounts in Indian notation and dates as "5 Mar 2026"."""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.urls import reverse

from lendingsite.money import format_inr


@dataclass(frozen=True)
class Texts:
    subject: str
    body: str
    sms: str


def site_url(name: str, *args) -> str:
    return f"{settings.SITE_URL}{reverse(name, args=args)}"


def first_name(user) -> str:
    return (user.full_name or "").split(" ")[0] or "Customer"


def day(value) -> str:
    value = date.fromisoformat(value) if isinstance(value, str) else value
    return f"{value.day} {value:%b %Y}" if value else ""


def inr(value) -> str:
    return format_inr(Decimal(str(value))) if value not in (None, "") else format_inr(None)


def letter(row, *paragraphs: str) -> str:
    text = "\n\n".join(p for p in paragraphs if p)
    return (
        f"Dear {first_name(row.borrower)},\n\n{text}\n\n"
        f"{settings.LENDER_NAME}\n"
        f"Questions or a complaint: {settings.GRIEVANCE_OFFICER['name']}, "
        f"{settings.GRIEVANCE_OFFICER['email']}, {settings.GRIEVANCE_OFFICER['phone']}.\n"
    )


def sms(text: str) -> str:
    return f"{settings.LENDER_NAME}: {text}"
