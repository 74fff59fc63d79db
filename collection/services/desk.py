"""The collections desk: who works a case (automatic round-robin by load, manual bulk
assignment), what was said (contact log), what was promised (promises to pay) and how each
promise ended (settled by the day-end).

Case status moves only here and in the day-end (which opens, resolves and closes cases):
    open --first contact--> in_progress --promise--> promise_to_pay
    promise_to_pay --kept--> in_progress,  --broken--> broken_promise
A collector records on the cases assigned to them; a collections manager on any case.
"""

import heapq
import uuid
from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.db import transaction
from django.db.models import Count, DecimalField, Exists, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce, TruncDate
from django.utils import timezone

from collection.models import (
    OPEN_CASE_STATUSES,
    CaseStatus,
    CollectionCase,
    ContactChannel,
    ContactLog,
    ContactOutcome,
    PromiseStatus,
    PromiseToPay,
)
from collection.notices.hours import in_calling_hours
from collection.selectors import (
    ADD_CONTACT_PERM,
    ADD_PROMISE_PERM,
    ASSIGN_PERM,
    active_collectors,
    is_active_collector,
)
from collection.services.promise_trail import promises_audit_write
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.errors import DomainError
from repayments.models import Payment, PaymentStatus

CENT = Decimal("0.01")
UPDATE_BATCH = 500  # ids per UPDATE … IN (…), well under every backend's parameter limit
MONEY = DecimalField(max_digits=16, decimal_places=2)


def _batches(ids: list[int]) -> Iterable[list[int]]:
    for start in range(0, len(ids), UPDATE_BATCH):
        yield ids[start : start + UPDATE_BATCH]


def _locked_case(case: CollectionCase) -> CollectionCase:
    return CollectionCase.objects.select_for_update().get(pk=case.pk)


def _refuse_unless_case_worker(acting_user, case: CollectionCase, perm: str, what: str) -> None:
    """The one rule for recording on a case: the permission, and the case is yours unless
    you are a manager; the case must still be open."""
    if not acting_user.has_perm(perm):
        raise DomainError("permission_denied", f"Your role cannot record {what} on cases.")
    if case.assigned_to_id != acting_user.pk and not acting_user.has_perm(ASSIGN_PERM):
        raise DomainError(
            "permission_denied",
            f"Case #{case.pk} is not assigned to you; only its collector or a collections "
            f"manager can record {what} on it.",
        )
    if case.status not in OPEN_CASE_STATUSES:
        raise DomainError(
            "invalid_state",
            f"Case #{case.pk} is {case.get_status_display().lower()}; {what} can only be "
            "recorded on an open case.",
        )


# --- assignment -------------------------------------------------------------------------


@refusals_audited("cases.auto_assign_refused")
@transaction.atomic
def cases_assign_round_robin(*, case_ids: list[int] | None = None, acting_user=None) -> int:
    """Give every unassigned open case (or only those in `case_ids`) to an active collector:
    each case, worst DPD first, goes to the collector with the fewest open cases at that
    moment, ties to the lower user id. Deterministic; returns how many were assigned.
    `acting_user` None is the day-end; a person needs the assign permission."""
    if acting_user is not None and not acting_user.has_perm(ASSIGN_PERM):
        raise DomainError("permission_denied", "Only a collections manager can assign cases.")
    collectors = list(active_collectors().values_list("pk", flat=True))
    if not collectors:
        return 0
    pending = CollectionCase.objects.select_for_update(of=("self",)).filter(
        status__in=OPEN_CASE_STATUSES, assigned_to__isnull=True
    )
    if case_ids is None:
        rows = list(pending.values_list("pk", "loan__dpd"))
    else:  # a day's new cases can be many: stay under the backends' parameter limits
        rows = []
        for batch in _batches(sorted(set(case_ids))):
            rows += pending.filter(pk__in=batch).values_list("pk", "loan__dpd")
    pending_ids = [pk for pk, _ in sorted(rows, key=lambda row: (-row[1], row[0]))]
    if not pending_ids:
        return 0
    loads = dict(
        CollectionCase.objects.filter(status__in=OPEN_CASE_STATUSES, assigned_to__in=collectors)
        .values_list("assigned_to")
        .annotate(n=Count("id"))
        .order_by()
    )
    heap = [(loads.get(pk, 0), pk) for pk in collectors]
    heapq.heapify(heap)
    plan: dict[int, list[int]] = defaultdict(list)
    for case_id in pending_ids:
        load, collector_id = heapq.heappop(heap)
        plan[collector_id].append(case_id)
        heapq.heappush(heap, (load + 1, collector_id))
    for collector_id, ids in plan.items():
        for batch in _batches(ids):
            CollectionCase.objects.filter(pk__in=batch).update(assigned_to_id=collector_id)
    audit_record(
        action="cases.auto_assigned",
        actor=acting_user,
        target_type="collection.collectioncase",
        after={
            "assigned": len(pending_ids),
            "by_collector": {str(pk): len(ids) for pk, ids in sorted(plan.items())},
        },
    )
    return len(pending_ids)


@refusals_audited("case.assign_refused")
@transaction.atomic
def cases_assign(*, acting_user, cases: Iterable[CollectionCase], collector) -> int:
    """Assign the given open cases to `collector` (collections managers). All or nothing:
    a closed case among them refuses the whole batch. Returns how many changed hands."""
    if not acting_user.has_perm(ASSIGN_PERM):
        raise DomainError("permission_denied", "Only a collections manager can assign cases.")
    if not is_active_collector(collector):
        raise DomainError(
            "validation_error",
            f"{collector} is not an active collector.",
            errors={"collector": ["not an active collector"]},
        )
    ids = sorted({case.pk for case in cases})
    if not ids:
        raise DomainError(
            "validation_error", "Choose at least one case.", errors={"cases": ["required"]}
        )
    locked = list(CollectionCase.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    closed = [case.pk for case in locked if case.status not in OPEN_CASE_STATUSES]
    if closed:
        raise DomainError(
            "invalid_state",
            f"Case{'s' if len(closed) > 1 else ''} {', '.join(f'#{pk}' for pk in closed)} "
            "no longer open; only open cases can be assigned. Nothing was changed.",
        )
    moving = [case for case in locked if case.assigned_to_id != collector.pk]
    for batch in _batches([case.pk for case in moving]):
        CollectionCase.objects.filter(pk__in=batch).update(assigned_to=collector)
    for case in moving:
        audit_record(
            action="case.assigned",
            actor=acting_user,
            target=case,
            before={"assigned_to": case.assigned_to_id},
            after={"assigned_to": collector.pk},
        )
    return len(moving)


# --- contacts ---------------------------------------------------------------------------


@refusals_audited("case.contact_refused")
@transaction.atomic
def contact_log(
    *,
    acting_user,
    case: CollectionCase,
    channel: str,
    outcome: str,
    note: str = "",
    contacted_at: datetime | None = None,
) -> ContactLog:
    """Record a contact with the borrower. The first contact moves an open case to
    in progress. A contact outside 08:00-19:00 IST is still recorded (the log is the
    evidence) and flagged as such in the audit trail."""
    now = timezone.now()
    contacted_at = contacted_at or now
    errors = {}
    if channel not in ContactChannel.values:
        errors["channel"] = [f"one of {', '.join(ContactChannel.values)}"]
    if outcome not in ContactOutcome.values:
        errors["outcome"] = [f"one of {', '.join(ContactOutcome.values)}"]
    if contacted_at > now:
        errors["contacted_at"] = ["in the future"]
    if errors:
        raise DomainError(
            "validation_error",
            "The contact could not be recorded: check the fields.",
            errors=errors,
        )
    case = _locked_case(case)
    _refuse_unless_case_worker(acting_user, case, ADD_CONTACT_PERM, "contacts")
    if timezone.localdate(contacted_at) < case.opened_on:
        raise DomainError(
            "validation_error",
            f"Case #{case.pk} was opened on {case.opened_on:%d %b %Y}; a contact cannot predate it.",
            errors={"contacted_at": ["before the case was opened"]},
        )
    contact = ContactLog.objects.create(
        case=case,
        collector=acting_user,
        channel=channel,
        outcome=outcome,
        note=(note or "").strip(),
        contacted_at=contacted_at,
    )
    before = case.status
    if case.status == CaseStatus.OPEN:
        case.status = CaseStatus.IN_PROGRESS
        case.save(update_fields=["status", "updated_at"])
    audit_record(
        action="case.contact_logged",
        actor=acting_user,
        target=case,
        before={"status": before},
        after={
            "status": case.status,
            "contact": contact.pk,
            "channel": channel,
            "outcome": outcome,
            "outside_calling_hours": not in_calling_hours(contacted_at),
        },
    )
    return contact


# --- promises to pay --------------------------------------------------------------------


def _promise_amount(amount) -> Decimal:
    try:
        value = Decimal(str(amount))
    except (InvalidOperation, ValueError):
        value = Decimal("NaN")
    if not value.is_finite() or value <= 0 or value != value.quantize(CENT):
        raise DomainError(
            "validation_error",
            "The promised amount must be more than ₹0, in rupees and paise.",
            errors={"amount": ["must be more than 0.00 with at most 2 decimals"]},
        )
    return value


@refusals_audited("case.promise_refused")
@transaction.atomic
def promise_record(
    *,
    acting_user,
    case: CollectionCase,
    amount: Decimal,
    promised_on: date,
    now: datetime | None = None,
) -> PromiseToPay:
    """Record the borrower's promise to pay `amount` by `promised_on` (today or within
    settings.PROMISE_MAX_DAYS days). The case moves to promise_to_pay; one pending promise
    per case at a time. `now` (default: the clock) is when the promise was made: it starts
    the window in which payments count towards it (a replay passes the replayed time)."""
    replayed = now is not None
    now = now or timezone.now()
    today = timezone.localdate(now)
    amount = _promise_amount(amount)
    latest = today + timedelta(days=settings.PROMISE_MAX_DAYS)
    if promised_on < today or promised_on > latest:
        raise DomainError(
            "validation_error",
            f"The promised date must be between today ({today:%d %b %Y}) and "
            f"{latest:%d %b %Y} ({settings.PROMISE_MAX_DAYS} days).",
            errors={"promised_on": ["in the past" if promised_on < today else "too far ahead"]},
        )
    case = _locked_case(case)
    _refuse_unless_case_worker(acting_user, case, ADD_PROMISE_PERM, "promises")
    pending = PromiseToPay.objects.filter(case=case, status=PromiseStatus.PENDING).first()
    if pending is not None:
        raise DomainError(
            "invalid_state",
            f"Case #{case.pk} already has a pending promise of ₹{pending.amount} by "
            f"{pending.promised_on:%d %b %Y}; it is settled at that day's end.",
        )
    promise = PromiseToPay.objects.create(
        case=case, amount=amount, promised_on=promised_on, recorded_by=acting_user
    )
    if replayed:  # created_at is auto_now_add; a replay dates the promise when it was made
        PromiseToPay.objects.filter(pk=promise.pk).update(created_at=now)
        promise.created_at = now
    before = case.status
    case.status = CaseStatus.PROMISE_TO_PAY
    case.save(update_fields=["status", "updated_at"])
    audit_record(
        action="case.promise_recorded",
        actor=acting_user,
        target=case,
        before={"status": before},
        after={
            "status": case.status,
            "promise": promise.pk,
            "amount": str(amount),
            "promised_on": promised_on.isoformat(),
        },
    )
    return promise


def _paid_towards_promise():
    """Per promise: posted (not reversed) payments on its loan with paid_on from the day
    the promise was made (IST) to the promised date, both inclusive."""
    paid = (
        Payment.objects.filter(
            loan_id=OuterRef("case__loan_id"),
            status=PaymentStatus.POSTED,
            paid_on__gte=OuterRef("made_on"),
            paid_on__lte=OuterRef("promised_on"),
        )
        .order_by()
        .values("loan_id")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    return Coalesce(Subquery(paid), Value(Decimal("0.00")), output_field=MONEY)


@transaction.atomic
def promises_settle(*, business_date: date) -> dict:
    """At the end of `business_date`: every pending promise with promised_on on or before
    it is settled. Kept when the payments counted by `_paid_towards_promise` reach the
    promised amount, broken otherwise. An open case whose promise was kept goes back to
    in_progress; one whose promise was broken to broken_promise (a case the day-end has
    resolved or closed keeps its status). Set-based; a second call for the date finds
    nothing left to settle and returns zeros. Each promise settled gets its own audit
    event (promise.kept / promise.broken), written set-based too, then the call's summary
    (promises.settled, which the webhook outbox listens to)."""
    due = PromiseToPay.objects.filter(status=PromiseStatus.PENDING, promised_on__lte=business_date)
    kept_ids = (
        due.annotate(made_on=TruncDate("created_at"), paid=_paid_towards_promise())
        .filter(paid__gte=F("amount"))
        .values("pk")
    )
    # One key per settlement: its per-promise audit events and webhook events read back
    # exactly the promises these two UPDATEs settled (collection.services.promise_trail).
    key = uuid.uuid4()
    kept = PromiseToPay.objects.filter(pk__in=Subquery(kept_ids)).update(
        status=PromiseStatus.KEPT, settled_on=business_date, settlement_key=key
    )
    broken = due.update(status=PromiseStatus.BROKEN, settled_on=business_date, settlement_key=key)
    moves = {}
    for promise_status, case_status in (
        (PromiseStatus.KEPT, CaseStatus.IN_PROGRESS),
        (PromiseStatus.BROKEN, CaseStatus.BROKEN_PROMISE),
    ):
        settled_today = PromiseToPay.objects.filter(
            status=promise_status, settled_on=business_date
        ).values("case_id")
        # A case given a new promise since (a second call for the date) stays as it is.
        moves[case_status] = (
            CollectionCase.objects.filter(
                status=CaseStatus.PROMISE_TO_PAY, pk__in=Subquery(settled_today)
            )
            .exclude(
                Exists(
                    PromiseToPay.objects.filter(case=OuterRef("pk"), status=PromiseStatus.PENDING)
                )
            )
            .update(status=case_status, updated_at=timezone.now())
        )
    counts = {
        "kept": kept,
        "broken": broken,
        "cases_in_progress": moves[CaseStatus.IN_PROGRESS],
        "cases_broken_promise": moves[CaseStatus.BROKEN_PROMISE],
    }
    if kept or broken:
        promises_audit_write(key=key, business_date=business_date)
        # Listeners (the webhook outbox) find the settlement's promises by its key.
        audit_record(
            action="promises.settled",
            target_type="collection.promisetopay",
            after={"business_date": business_date.isoformat(), "settlement": str(key), **counts},
        )
    return counts
