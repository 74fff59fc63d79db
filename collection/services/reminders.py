"""Borrower reminders: three days and one day before an installment falls due, on the due
date, and on the date of a promise to pay; by email and SMS (settings.REMINDER_CHANNELS).

Calling hours (RBI, recovery agents: no contact before 08:00 or after 19:00): a message is
sent only when the moment of sending is in [08:00, 19:00) IST; 19:00 itself is outside.
A message made outside the window is stored `held` with not_before = the next 08:00 IST,
and `reminders_release_held` (every 15 minutes) sends it once the window opens. Every
message is one Notification row with its delivery status; its dedupe_key
("due_t3:<installment id>:email", "promise_due:<promise id>:sms", …) is unique, so running
the job twice for a day sends nothing new. REMINDERS_ENABLED=false: nothing is created,
nothing is sent. A borrower who withdrew consent to reminders (accounts.services.privacy)
gets none; a message held when they withdrew is marked failed, never sent.

The clock is an argument (`now`, default timezone.now()); nothing below reads it.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import structlog
from django.conf import settings
from django.db import transaction
from django.utils import timezone

from accounts.audit import audit_record
from accounts.models import ConsentPurpose
from accounts.services.privacy import consent_filter, consent_granted
from collection.models import (
    OPEN_CASE_STATUSES,
    Notification,
    NotificationStatus,
    PromiseStatus,
    PromiseToPay,
)
from collection.notify import CHANNELS, EMAIL, message_deliver
from loans.models import Installment, LoanStatus
from loans.selectors import installment_unpaid
from loans.templatetags.money import format_inr

IST = ZoneInfo("Asia/Kolkata")
WINDOW_OPENS = time(8, 0)
WINDOW_CLOSES = time(19, 0)  # exclusive
BEFORE_DUE = {"due_t3": 3, "due_t1": 1, "due_today": 0}
PROMISE_DUE = "promise_due"
WITHDRAWN = "Not sent: the borrower withdrew consent to reminders."
KEY_BATCH = 500
log = structlog.get_logger(__name__)


def in_calling_hours(moment: datetime) -> bool:
    return WINDOW_OPENS <= moment.astimezone(IST).time() < WINDOW_CLOSES


def next_calling_window(moment: datetime) -> datetime:
    """`moment` itself when inside the window, else the next 08:00 IST."""
    if in_calling_hours(moment):
        return moment
    local = moment.astimezone(IST)
    day = local.date() if local.time() < WINDOW_OPENS else local.date() + timedelta(days=1)
    return datetime.combine(day, WINDOW_OPENS, tzinfo=IST)


@dataclass(frozen=True)
class Draft:
    kind: str
    ref: int  # installment or promise id
    borrower: object
    loan_id: int
    installment_id: int | None
    promise_id: int | None
    amount: Decimal
    due_on: date


def _name(user) -> str:
    return (user.full_name or "").split(" ")[0] or "Customer"


def _texts(draft: Draft) -> tuple[str, str, str]:
    """(email subject, email body, SMS body) for one reminder."""
    amount, when, loan = format_inr(draft.amount), f"{draft.due_on:%d %b %Y}", draft.loan_id
    if draft.kind == PROMISE_DUE:
        subject = f"Your payment of {amount} for loan #{loan} is due today"
        line = f"as agreed with our collections team, {amount} towards loan #{loan} is due today, {when}."
    else:
        days = BEFORE_DUE[draft.kind]
        when_text = {0: "today", 1: "tomorrow"}.get(days, f"in {days} days")
        subject = f"Your EMI of {amount} for loan #{loan} is due {when_text}"
        line = f"your EMI of {amount} for loan #{loan} is due {when_text}, {when}."
    body = (
        f"Dear {_name(draft.borrower)},\n\n{line[0].upper()}{line[1:]}\n"
        "Please keep the amount ready in your account, or pay by UPI or NEFT quoting your "
        "loan number. If you have already paid, please ignore this message.\n\n"
        f"{settings.LENDER_NAME}\n"
    )
    sms = f"{settings.LENDER_NAME}: {line[0].upper()}{line[1:]} Ignore if already paid."
    return subject, body, sms


def _drafts(business_date: date) -> list[Draft]:
    by_date = {business_date + timedelta(days=d): kind for kind, d in BEFORE_DUE.items()}
    # Borrowers who withdrew their consent to reminders (accounts.services.privacy) get none.
    installments = (
        consent_filter(
            Installment.objects.filter(loan__status=LoanStatus.ACTIVE, due_date__in=list(by_date)),
            ConsentPurpose.REMINDERS,
            user_field="loan__borrower",
        )
        .annotate(unpaid=installment_unpaid())
        .filter(unpaid__gt=0)
        .select_related("loan__borrower__profile")
        .order_by("id")
    )
    drafts = [
        Draft(
            by_date[row.due_date],
            row.pk,
            row.loan.borrower,
            row.loan_id,
            row.pk,
            None,
            row.unpaid,
            row.due_date,
        )
        for row in installments
    ]
    promises = (
        consent_filter(
            PromiseToPay.objects.filter(
                status=PromiseStatus.PENDING,
                promised_on=business_date,
                case__status__in=OPEN_CASE_STATUSES,
                case__loan__status=LoanStatus.ACTIVE,
            ),
            ConsentPurpose.REMINDERS,
            user_field="case__loan__borrower",
        )
        .select_related("case__loan__borrower__profile")
        .order_by("id")
    )
    drafts += [
        Draft(
            PROMISE_DUE,
            p.pk,
            p.case.loan.borrower,
            p.case.loan_id,
            None,
            p.pk,
            p.amount,
            p.promised_on,
        )
        for p in promises
    ]
    return drafts


def _address(user, channel: str) -> str:
    if channel == EMAIL:
        return user.email
    profile = getattr(user, "profile", None)
    return profile.phone if profile is not None else ""


def _existing_keys(keys: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), KEY_BATCH):
        batch = keys[start : start + KEY_BATCH]
        found.update(
            Notification.objects.filter(dedupe_key__in=batch).values_list("dedupe_key", flat=True)
        )
    return found


@transaction.atomic
def _notifications_create(*, business_date: date, now: datetime) -> dict:
    channels = [c for c in settings.REMINDER_CHANNELS if c in CHANNELS]
    inside = in_calling_hours(now)
    rows = []
    for draft in _drafts(business_date):
        subject, body, sms = _texts(draft)
        for channel in channels:
            if not _address(draft.borrower, channel):
                continue  # no phone on file: nothing to send, nothing to hold
            rows.append(
                Notification(
                    borrower=draft.borrower,
                    loan_id=draft.loan_id,
                    installment_id=draft.installment_id,
                    promise_id=draft.promise_id,
                    kind=draft.kind,
                    channel=channel,
                    subject=subject if channel == EMAIL else "",
                    body=body if channel == EMAIL else sms,
                    status=NotificationStatus.QUEUED if inside else NotificationStatus.HELD,
                    not_before=next_calling_window(now),
                    dedupe_key=f"{draft.kind}:{draft.ref}:{channel}",
                )
            )
    existing = _existing_keys([row.dedupe_key for row in rows])
    new = [row for row in rows if row.dedupe_key not in existing]
    # ignore_conflicts: a concurrent run that inserted the same key first wins quietly.
    Notification.objects.bulk_create(new, batch_size=KEY_BATCH, ignore_conflicts=True)
    held = 0 if inside else len(new)
    return {"created": len(new), "held": held}


def _deliver_one(pk: int, now: datetime) -> str | None:
    with transaction.atomic():
        row = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("borrower__profile")
            .filter(pk=pk, status__in=[NotificationStatus.QUEUED, NotificationStatus.HELD])
            .first()
        )
        if row is None:
            return None  # another worker has it, or it went out already
        if not consent_granted(row.borrower, ConsentPurpose.REMINDERS):
            # Withdrawn while the message was held: it is never sent.
            row.status, row.error = NotificationStatus.FAILED, WITHDRAWN
            row.save(update_fields=["status", "error"])
            return row.status
        try:
            message_deliver(
                channel=row.channel,
                to=_address(row.borrower, row.channel),
                subject=row.subject,
                body=row.body,
            )
        except Exception as exc:  # any transport failure is recorded, never raised
            log.warning("reminder_failed", notification=row.pk, error=str(exc))
            row.status, row.error = NotificationStatus.FAILED, str(exc)[:300]
        else:
            row.status, row.sent_at, row.error = NotificationStatus.SENT, now, ""
        row.save(update_fields=["status", "sent_at", "error"])
        return row.status


def _deliver_due(now: datetime) -> dict:
    """Send every queued or held message whose time has come; only inside calling hours."""
    counts = {"sent": 0, "failed": 0}
    if not in_calling_hours(now):
        return counts
    due = (
        Notification.objects.filter(
            status__in=[NotificationStatus.QUEUED, NotificationStatus.HELD], not_before__lte=now
        )
        .order_by("not_before", "id")
        .values_list("pk", flat=True)
    )
    for pk in list(due):
        status = _deliver_one(pk, now)
        if status in counts:
            counts[status] += 1
    return counts


def _record(action: str, counts: dict) -> None:
    if any(counts.get(k) for k in ("created", "sent", "failed")):
        with transaction.atomic():
            audit_record(action=action, target_type="collection.notification", after=counts)


def reminders_send(*, business_date: date | None = None, now: datetime | None = None) -> dict:
    """Create the day's reminders (T-3, T-1, due today, promises due today) and send them
    if `now` is inside calling hours; otherwise they wait, held, for the window."""
    now = now or timezone.now()
    business_date = business_date or timezone.localdate(now)
    if not settings.REMINDERS_ENABLED:
        return {"enabled": False, "created": 0, "held": 0, "sent": 0, "failed": 0}
    counts = {
        "enabled": True,
        "business_date": business_date.isoformat(),
        **_notifications_create(business_date=business_date, now=now),
        **_deliver_due(now),
    }
    _record("reminders.sent", counts)
    return counts


def reminders_release_held(*, now: datetime | None = None) -> dict:
    """Send held (and any queued but unsent) messages whose not_before has come, if `now`
    is inside calling hours. Runs every 15 minutes; outside the window it sends nothing."""
    now = now or timezone.now()
    if not settings.REMINDERS_ENABLED:
        return {"enabled": False, "sent": 0, "failed": 0}
    counts = {"enabled": True, **_deliver_due(now)}
    _record("reminders.released", counts)
    return counts
