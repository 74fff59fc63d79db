"""The transactional outbox: an audit listener writes one WebhookEvent row per public
event inside the transaction of the change (lendingsite.audit calls listeners there), so
a rolled-back change leaves no event and a committed one always has its row. After the
commit a Celery task turns rows into deliveries (integrations.services.deliveries)."""

import uuid
from datetime import date

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from collection.models import BucketHistory, CollectionCase
from integrations.catalogue import BUILDERS, loan_id_of, loan_snapshot
from integrations.models import WebhookEvent
from integrations.promise_events import promise_events_insert
from lendingsite import rawsql
from lendingsite.audit import audit_listen
from lendingsite.audit_actions import WEBHOOK_EVENT_TYPES, WEBHOOK_EVENTS
from lendingsite.dates import today_ist

# A payment that leaves its loan in one of these states also emits the loan's event.
_CLOSING = {"closed": "loan.closed", "foreclosed": "loan.foreclosed"}


def event_id_new() -> str:
    return f"evt_{uuid.uuid4().hex}"


# Where an event's business date is recorded: the first of these the audit event's
# `after` names, else a date field of the target, else today in India.
_DATE_KEYS = ("business_date", "decided_on", "reversed_on", "charged_on", "disbursed_on")
_TARGET_DATES = {"loan.disbursed": "disbursed_on", "charge.levied": "charged_on"}


def _business_date(event, target) -> date:
    after = event.after or {}
    for key in _DATE_KEYS:
        value = after.get(key)
        if isinstance(value, date):
            return value
        if isinstance(value, str) and value:
            return date.fromisoformat(value[:10])
    field = _TARGET_DATES.get(event.action)
    value = getattr(target, field, None) if field else None
    return value if isinstance(value, date) else today_ist()


def event_write(
    *, type: str, data: dict, business_date: date, loan_id: int | None, only_endpoint=None
) -> WebhookEvent:
    """One outbox row (a plain INSERT; inside payment posting's pipelined batch)."""
    row = WebhookEvent(
        event_id=event_id_new(),
        type=type,
        version=WEBHOOK_EVENT_TYPES[type],
        loan_id=loan_id,
        business_date=business_date,
        occurred_at=timezone.now(),
        data=data,
        only_endpoint=only_endpoint,
    )
    rawsql.insert_instance(row)
    _dispatch_after_commit()
    return row


@audit_listen(*WEBHOOK_EVENTS)
def audit_to_outbox(*, event, target) -> None:
    if not settings.WEBHOOK_OUTBOX_ENABLED or target is None:
        return
    day = _business_date(event, target)
    loan_id = loan_id_of(event=event, target=target)
    data = BUILDERS[event.action](event=event, target=target)
    event_write(type=event.action, data=data, business_date=day, loan_id=loan_id)
    if event.action == "payment.posted":
        derived = _CLOSING.get((event.after or {}).get("loan_status"))
        if derived:
            loan = target.loan  # in memory: the posting built the payment from the loan
            event_write(
                type=derived, data={"loan": loan_snapshot(loan)}, business_date=day, loan_id=loan_id
            )


@audit_listen("day_end.chunk_processed")
def day_end_to_outbox(*, event, target) -> None:
    """`loan.bucket_changed` for every bucket change the chunk wrote, in one INSERT, in the
    chunk's transaction (set-based, like the day-end itself)."""
    if not settings.WEBHOOK_OUTBOX_ENABLED or target is None:
        return
    after = event.after or {}
    changes = BucketHistory.objects.filter(
        business_date=target.business_date,
        loan_id__gte=after["lo_id"],
        loan_id__lte=after["hi_id"],
    ).order_by("loan_id")
    now = timezone.now()
    rows = [
        WebhookEvent(
            event_id=event_id_new(),
            type="loan.bucket_changed",
            version=WEBHOOK_EVENT_TYPES["loan.bucket_changed"],
            loan_id=loan_id,
            business_date=target.business_date,
            occurred_at=now,
            data={
                "loan": {"id": loan_id, "dpd": dpd, "bucket": to_bucket},
                "from_bucket": from_bucket,
                "to_bucket": to_bucket,
            },
        )
        for loan_id, from_bucket, to_bucket, dpd in changes.values_list(
            "loan_id", "from_bucket", "to_bucket", "dpd"
        )
    ]
    rows += _case_events(day=target.business_date, lo=after["lo_id"], hi=after["hi_id"], now=now)
    if rows:
        WebhookEvent.objects.bulk_create(rows, batch_size=1000)
        _dispatch_after_commit()


def _case_events(*, day: date, lo: int, hi: int, now) -> list[WebhookEvent]:
    """case.opened / case.closed for the chunk's cases opened or closed on `day`."""
    cases = CollectionCase.objects.filter(loan_id__gte=lo, loan_id__lte=hi).filter(
        Q(opened_on=day) | Q(closed_on=day)
    )
    rows = []
    for case in cases.order_by("loan_id", "id"):
        data = {
            "case": {
                "id": case.pk,
                "loan": case.loan_id,
                "status": case.status,
                "opened_on": case.opened_on.isoformat(),
                "closed_on": case.closed_on.isoformat() if case.closed_on else None,
                "overdue_amount": f"{case.overdue_amount:.2f}",
            }
        }
        for kind, on in (("case.opened", case.opened_on), ("case.closed", case.closed_on)):
            if on == day:
                rows.append(
                    WebhookEvent(
                        event_id=event_id_new(),
                        type=kind,
                        version=WEBHOOK_EVENT_TYPES[kind],
                        loan_id=case.loan_id,
                        business_date=day,
                        occurred_at=now,
                        data=data,
                    )
                )
    return rows


@audit_listen("promises.settled")
def promises_to_outbox(*, event, target) -> None:
    """`promise.kept` / `promise.broken` for every promise the settlement settled, in one
    INSERT … SELECT in its transaction (the day-end's finish): as many rows as promises
    settled that day, none for the rest of the book, none twice (a promise is settled once,
    and the rows are found by the settlement's own key)."""
    after = event.after or {}
    if not settings.WEBHOOK_OUTBOX_ENABLED or not after.get("settlement"):
        return
    if promise_events_insert(
        key=uuid.UUID(after["settlement"]),
        business_date=date.fromisoformat(after["business_date"]),
        now=timezone.now(),
    ):
        _dispatch_after_commit()


def _dispatch_now() -> None:
    from integrations.tasks import dispatch_events  # tasks import the services: no cycle

    dispatch_events.delay()


def _dispatch_after_commit() -> None:
    """Ask for one dispatch per transaction, however many events it wrote."""
    if not settings.WEBHOOK_DISPATCH_ON_COMMIT:
        return
    conn = transaction.get_connection()
    if any(entry[1] is _dispatch_now for entry in conn.run_on_commit):
        return
    transaction.on_commit(_dispatch_now, robust=True)
