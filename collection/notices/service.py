"""The one notification service: every message to a borrower is made and delivered here —
the collections reminders and every lifecycle notice alike (docs/collections.md,
"Notices to borrowers").

Made: `notices_create` writes one `in_app` row per notice, in the caller's transaction
(so a change that rolls back tells nobody), with one INSERT and no read: it runs inside
payment posting's pipeline. The texts are not written then; the row carries the amount
and the facts (`data`) as they were.

Delivered, after commit (a Celery task; eager in development and tests): the in-app row
gets its texts and is shown on the borrower's page, and one row per channel (email, SMS:
the kind's channels, where the borrower has an address) is added and sent, or held until
08:00 when it is recovery contact outside calling hours (collection.notices.hours).

Exactly once: the dedupe key `<kind>:<reference>:<channel>` is unique, so the same event
twice makes one notice, and each row is sent only from `queued`/`held` under a row lock,
so a retried task or a concurrent sweep sends nothing twice. The sweeps
(`notices_deliver_due`) deliver what a lost task did not and release held messages.
"""

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

import structlog
from django.db import transaction
from django.utils import timezone

from accounts.models import ConsentPurpose
from accounts.services.privacy import consent_granted
from collection.models import Notification, NotificationStatus
from collection.notices.hours import in_calling_hours, may_send_at, send_not_before
from collection.notices.kinds import KINDS, RECOVERY_KINDS, TRANSACTIONAL_KINDS
from collection.notify import EMAIL, IN_APP, message_deliver
from lendingsite import rawsql

QUEUED, HELD = NotificationStatus.QUEUED.value, NotificationStatus.HELD.value
SENT, FAILED = NotificationStatus.SENT.value, NotificationStatus.FAILED.value
PENDING = (QUEUED, HELD)
WITHDRAWN = "Not sent: the borrower withdrew consent to reminders."
KEY_BATCH = 500
NOTICE_FIELDS = (
    *("borrower", "loan", "installment", "promise", "kind", "channel", "subject", "body"),
    *("amount", "data", "status", "not_before", "sent_at", "error", "created_at", "dedupe_key"),
)
log = structlog.get_logger(__name__)


def notice_key(kind: str, ref, channel: str = IN_APP) -> str:
    return f"{kind}:{ref}:{channel}"


@dataclass(frozen=True)
class NoticeDraft:
    """One notice to make: its kind, the reference that makes it unique for that kind (a
    payment id, a charge id, ...), whom it is for and what it is about."""

    kind: str
    ref: int | str
    borrower_id: int
    loan_id: int | None = None
    installment_id: int | None = None
    promise_id: int | None = None
    amount: Decimal | None = None
    data: dict = field(default_factory=dict)

    @property
    def key(self) -> str:
        return notice_key(self.kind, self.ref)


def notices_create(
    drafts: Sequence[NoticeDraft], *, now: datetime | None = None, deliver: bool = True
) -> list[str]:
    """Make the notices in the caller's transaction (one INSERT, no read); a notice made
    before (same kind and reference) stays as it was. With `deliver`, they are delivered
    once the transaction commits. Returns their keys."""
    if not drafts:
        return []
    now = now or timezone.now()
    rows = [
        (
            *(d.borrower_id, d.loan_id, d.installment_id, d.promise_id, d.kind, IN_APP, "", ""),
            *(d.amount, d.data, QUEUED, now, None, "", now, d.key),
        )
        for d in drafts
    ]
    for start in range(0, len(rows), KEY_BATCH):  # within every database's parameter limit
        rawsql.values_insert(
            Notification, NOTICE_FIELDS, rows[start : start + KEY_BATCH], skip_conflicts=True
        )
    keys = [d.key for d in drafts]
    if deliver:
        notices_deliver_after_commit(keys)
    return keys


def notices_deliver_after_commit(keys: Iterable[str] | None = None) -> None:
    """Once the current transaction commits, deliver these notices (None: every
    transactional notice due, as the sweep does) through a Celery task."""
    transaction.on_commit(functools.partial(_enqueue, list(keys) if keys is not None else None))


def _enqueue(keys: list[str] | None) -> None:
    from collection.tasks.notices import notices_deliver_task

    try:
        if notices_deliver_task.app.conf.task_always_eager:
            # apply(), not delay(): an eager delay() flips Celery's process-wide "inside a
            # task" flag, which a concurrent thread (the live test server) can leave set.
            notices_deliver_task.apply(kwargs={"keys": keys})
        else:
            notices_deliver_task.delay(keys=keys)
    except Exception:
        # The change itself is committed; the next sweep delivers what this would have.
        log.exception("notice_delivery_not_enqueued", keys=(keys or [])[:20])


# --- delivery ----------------------------------------------------------------------------


def _counts() -> dict:
    return {"notices": 0, "sent": 0, "failed": 0, "held": 0}


def _address(user, channel: str) -> str:
    if channel == EMAIL:
        return user.email
    profile = getattr(user, "profile", None)
    return profile.phone if profile is not None else ""


def _fail(row: Notification, error: str, counts: dict) -> None:
    row.status, row.error = FAILED, error[:300]
    row.save(update_fields=["status", "error"])
    counts["failed"] += 1


def _send(row: Notification, now: datetime, counts: dict) -> None:
    """Hand one email or SMS to its channel and set its status (the caller saves it): any
    transport failure is recorded on the row, never raised."""
    try:
        message_deliver(
            channel=row.channel,
            to=_address(row.borrower, row.channel),
            subject=row.subject,
            body=row.body,
        )
    except Exception as exc:
        log.warning("notification_failed", notification=row.dedupe_key, error=str(exc))
        row.status, row.error = FAILED, str(exc)[:300]
        counts["failed"] += 1
    else:
        row.status, row.sent_at, row.error = SENT, now, ""
        counts["sent"] += 1


def _notice_deliver(now: datetime, counts: dict, **which) -> None:
    """Write the texts of one notice, show it in-app, and add its email and SMS rows: sent
    at once when the hour allows (they are new rows of this transaction: no one else can
    be sending them), else held for the window."""
    with transaction.atomic():
        row = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("borrower__profile", "installment")
            .filter(**which, channel=IN_APP, status=QUEUED)
            .first()
        )
        if row is None:
            return  # shown already, or another worker has it
        kind = KINDS.get(row.kind)
        if kind is None:
            _fail(row, f"Unknown kind of message {row.kind!r}.", counts)
            return
        if kind.recovery and not consent_granted(row.borrower, ConsentPurpose.REMINDERS):
            _fail(row, WITHDRAWN, counts)
            return
        try:
            text = kind.render(row)
        except Exception as exc:  # a notice that cannot be written is recorded, never raised
            log.exception("notice_render_failed", notification=row.pk, kind=row.kind)
            _fail(row, f"Could not be written: {exc!r}", counts)
            return
        row.subject, row.body, row.status, row.sent_at = text.subject, text.body, SENT, now
        row.save(update_fields=["subject", "body", "status", "sent_at"])
        counts["notices"] += 1
        base = row.dedupe_key.removesuffix(f":{IN_APP}")
        copies = []
        for channel in (c for c in kind.channels if _address(row.borrower, c)):
            not_before = send_not_before(recovery=kind.recovery, channel=channel, moment=now)
            copy = Notification(
                borrower=row.borrower,
                loan_id=row.loan_id,
                installment_id=row.installment_id,
                promise_id=row.promise_id,
                kind=row.kind,
                channel=channel,
                subject=text.subject if channel == EMAIL else "",
                body=text.body if channel == EMAIL else text.sms,
                amount=row.amount,
                status=HELD,
                not_before=not_before,
                dedupe_key=f"{base}:{channel}",
            )
            if not_before > now:
                counts["held"] += 1
            else:
                _send(copy, now, counts)
            copies.append(copy)
        Notification.objects.bulk_create(copies, ignore_conflicts=True)


def _channel_deliver(pk: int, now: datetime, counts: dict) -> None:
    """Send one held (or queued) email or SMS whose time has come, under its row lock:
    exactly once."""
    with transaction.atomic():
        row = (
            Notification.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("borrower__profile")
            .filter(pk=pk, status__in=PENDING, not_before__lte=now)
            .exclude(channel=IN_APP)
            .first()
        )
        if row is None:
            return  # another worker has it, or it went out already
        kind = KINDS.get(row.kind)
        recovery = kind.recovery if kind is not None else True
        if not may_send_at(recovery=recovery, channel=row.channel, moment=now):
            return  # recovery contact waits for the window
        if recovery and not consent_granted(row.borrower, ConsentPurpose.REMINDERS):
            # Withdrawn while the message was held: it is never sent.
            _fail(row, WITHDRAWN, counts)
            return
        _send(row, now, counts)
        row.save(update_fields=["status", "sent_at", "error"])


def _deliver_notices(ids: Iterable[int], now: datetime, counts: dict) -> None:
    for pk in ids:
        _notice_deliver(now, counts, pk=pk)


def notices_deliver(*, keys: Sequence[str], now: datetime | None = None) -> dict:
    """Deliver these notices (their in-app keys): shown in-app, and sent on their channels
    when the hour allows. Already delivered ones are left alone (a retried task)."""
    now = now or timezone.now()
    counts = _counts()
    for key in keys:
        _notice_deliver(now, counts, dedupe_key=key)
    return counts


def notices_deliver_due(*, recovery: bool, now: datetime | None = None) -> dict:
    """The sweep: every notice of the class (recovery contact, or transactional) not
    delivered yet, and every email or SMS of it whose time has come — recovery contact
    only inside calling hours."""
    now = now or timezone.now()
    counts = _counts()
    kinds = RECOVERY_KINDS if recovery else TRANSACTIONAL_KINDS
    pending = Notification.objects.filter(kind__in=kinds, not_before__lte=now)
    notices = pending.filter(channel=IN_APP, status=QUEUED).order_by("not_before", "id")
    _deliver_notices(list(notices.values_list("pk", flat=True)), now, counts)
    if recovery and not in_calling_hours(now):
        return counts
    due = pending.filter(status__in=PENDING).exclude(channel=IN_APP).order_by("not_before", "id")
    for pk in list(due.values_list("pk", flat=True)):
        _channel_deliver(pk, now, counts)
    return counts
