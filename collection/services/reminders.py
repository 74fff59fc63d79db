"""Borrower reminders: three days and one day before an installment falls due, on the due
date, and on the date of a promise to pay; in-app, and by email and SMS
(settings.REMINDER_CHANNELS), through the notification service (collection.notices).

Reminders are recovery contact (collection.notices.hours): an email or SMS goes only when
the moment of sending is in [08:00, 19:00) IST; 19:00 itself is outside. One made outside
the window is stored `held` with not_before = the next 08:00 IST, and
`reminders_release_held` (every 15 minutes) sends it once the window opens. Every reminder
is a notice (its in-app row) with one row per channel, each with its delivery status; the
dedupe key ("due_t3:<installment id>:email", "promise_due:<promise id>:sms", …) is unique,
so running the job twice for a day sends nothing new. REMINDERS_ENABLED=false: nothing is
created, nothing is sent. A borrower who withdrew consent to reminders
(accounts.services.privacy) gets none; a message held when they withdrew is marked failed,
never sent.

The clock is an argument (`now`, default timezone.now()); nothing below reads it.
"""

from datetime import date, datetime, timedelta

from django.db import transaction
from django.utils import timezone

from accounts.models import ConsentPurpose
from accounts.services.privacy import consent_filter
from collection.models import (
    OPEN_CASE_STATUSES,
    Notification,
    PromiseStatus,
    PromiseToPay,
)
from collection.notices.hours import in_calling_hours, next_calling_window
from collection.notices.service import (
    WITHDRAWN,
    NoticeDraft,
    notices_create,
    notices_deliver_due,
)
from collection.notices.texts import BEFORE_DUE
from lendingsite.audit import audit_record
from lendingsite.switches import switch_is_on
from loans.models import Installment, LoanStatus
from loans.selectors import installment_unpaid

__all__ = [
    "WITHDRAWN",
    "in_calling_hours",
    "next_calling_window",
    "reminders_release_held",
    "reminders_send",
]
PROMISE_DUE = "promise_due"
KEY_BATCH = 500


def _drafts(business_date: date) -> list[NoticeDraft]:
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
        .select_related("loan")
        .order_by("id")
    )
    drafts = [
        NoticeDraft(
            by_date[row.due_date],
            row.pk,
            row.loan.borrower_id,
            loan_id=row.loan_id,
            installment_id=row.pk,
            amount=row.unpaid,
            data={"due_on": row.due_date},
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
        .select_related("case__loan")
        .order_by("id")
    )
    drafts += [
        NoticeDraft(
            PROMISE_DUE,
            p.pk,
            p.case.loan.borrower_id,
            loan_id=p.case.loan_id,
            promise_id=p.pk,
            amount=p.amount,
            data={"due_on": p.promised_on},
        )
        for p in promises
    ]
    return drafts


def _existing_keys(keys: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(keys), KEY_BATCH):
        batch = keys[start : start + KEY_BATCH]
        found.update(
            Notification.objects.filter(dedupe_key__in=batch).values_list("dedupe_key", flat=True)
        )
    return found


@transaction.atomic
def _notifications_create(*, business_date: date, now: datetime) -> int:
    drafts = _drafts(business_date)
    existing = _existing_keys([draft.key for draft in drafts])
    new = [draft for draft in drafts if draft.key not in existing]
    # Delivered right after, by the caller's sweep (a concurrent run's rows are skipped by
    # the unique key).
    notices_create(new, now=now, deliver=False)
    return len(new)


def _record(action: str, counts: dict) -> None:
    if any(counts.get(k) for k in ("created", "sent", "failed")):
        with transaction.atomic():
            audit_record(action=action, target_type="collection.notification", after=counts)


def reminders_send(*, business_date: date | None = None, now: datetime | None = None) -> dict:
    """Create the day's reminders (T-3, T-1, due today, promises due today), show them
    in-app and send them if `now` is inside calling hours; otherwise the email and SMS
    wait, held, for the window."""
    now = now or timezone.now()
    business_date = business_date or timezone.localdate(now)
    if not switch_is_on("REMINDERS_ENABLED"):
        return {"enabled": False, "created": 0, "held": 0, "sent": 0, "failed": 0}
    counts = {
        "enabled": True,
        "business_date": business_date.isoformat(),
        "created": _notifications_create(business_date=business_date, now=now),
        **notices_deliver_due(recovery=True, now=now),
    }
    _record("reminders.sent", counts)
    return counts


def reminders_release_held(*, now: datetime | None = None) -> dict:
    """Send held (and any queued but unsent) reminders whose not_before has come, if `now`
    is inside calling hours. Runs every 15 minutes; outside the window it sends nothing."""
    now = now or timezone.now()
    if not switch_is_on("REMINDERS_ENABLED"):
        return {"enabled": False, "sent": 0, "failed": 0}
    counts = {"enabled": True, **notices_deliver_due(recovery=True, now=now)}
    _record("reminders.released", counts)
    return counts
