"""Weekly collector scores (Monday to Sunday, IST), one CollectorScore row per collector.

A collector's book for the week is the cases assigned to them now (there is no assignment
history) that were open at some point in the week: opened on or before Sunday and not
closed before Monday. Over that book:
- cases_assigned, amount_assigned: the number of cases and Σ their overdue amount;
- cases_contacted: cases with at least one contact logged in the week;
- promises_made, promises_kept: promises falling due in the week, and those kept;
- amount_collected: posted (not reversed) payments on the cases' loans paid in the week.
Every active collector gets a row, zeros included. Recomputing a week overwrites its rows.
SCORING_ENABLED=false: nothing is computed or written.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Q, Sum

from collection.models import CollectionCase, CollectorScore, ContactLog, PromiseStatus
from collection.models import PromiseToPay as Promise
from collection.selectors import active_collectors
from lendingsite.audit import audit_record
from lendingsite.errors import DomainError
from lendingsite.switches import switch_is_on
from repayments.models import Payment, PaymentStatus

ZERO = Decimal("0.00")


def last_full_week_start(today: date) -> date:
    """The Monday of the last complete week before `today`."""
    return today - timedelta(days=today.weekday() + 7)


def _book(week_start: date, week_end: date):
    return CollectionCase.objects.filter(assigned_to__isnull=False, opened_on__lte=week_end).filter(
        Q(closed_on__isnull=True) | Q(closed_on__gte=week_start)
    )


def _collected(book, week_start: date, week_end: date) -> dict[int, Decimal]:
    """Per collector: payments in the week on the loans of their book. A closed and a
    reopened case of one loan can both be in a week's book; the loan counts once."""
    paid = dict(
        Payment.objects.filter(
            status=PaymentStatus.POSTED,
            paid_on__gte=week_start,
            paid_on__lte=week_end,
            loan_id__in=book.values("loan_id"),
        )
        .values_list("loan_id")
        .annotate(total=Sum("amount"))
        .order_by()
    )
    result: dict[int, Decimal] = {}
    for collector_id, loan_id in book.values_list("assigned_to", "loan_id").distinct():
        if loan_id in paid:
            result[collector_id] = result.get(collector_id, ZERO) + paid[loan_id]
    return result


@transaction.atomic
def collector_scores_compute(*, week_start: date) -> int:
    """Compute (or recompute) the scores of the week starting on Monday `week_start`;
    returns how many rows were written (0 when scoring is switched off)."""
    if week_start.weekday() != 0:
        raise DomainError(
            "validation_error",
            f"{week_start:%d %b %Y} is a {week_start:%A}; weeks start on Monday.",
            errors={"week_start": ["not a Monday"]},
        )
    if not switch_is_on("SCORING_ENABLED"):
        return 0
    week_end = week_start + timedelta(days=6)
    book = _book(week_start, week_end)
    totals = {
        row["assigned_to"]: row
        for row in book.values("assigned_to")
        .annotate(n=Count("id"), owed=Sum("overdue_amount"))
        .order_by()
    }
    contacted = dict(
        ContactLog.objects.filter(
            case__in=book, contacted_at__date__gte=week_start, contacted_at__date__lte=week_end
        )
        .values_list("case__assigned_to")
        .annotate(n=Count("case", distinct=True))
        .order_by()
    )
    promises = {
        row["case__assigned_to"]: row
        for row in Promise.objects.filter(
            case__in=book, promised_on__gte=week_start, promised_on__lte=week_end
        )
        .values("case__assigned_to")
        .annotate(made=Count("id"), kept=Count("id", filter=Q(status=PromiseStatus.KEPT)))
        .order_by()
    }
    collected = _collected(book, week_start, week_end)
    people = set(active_collectors().values_list("pk", flat=True)) | set(totals)
    rows = [
        CollectorScore(
            collector_id=pk,
            week_start=week_start,
            promises_made=promises.get(pk, {}).get("made", 0),
            promises_kept=promises.get(pk, {}).get("kept", 0),
            amount_assigned=totals.get(pk, {}).get("owed") or ZERO,
            amount_collected=collected.get(pk, ZERO),
            cases_assigned=totals.get(pk, {}).get("n", 0),
            cases_contacted=contacted.get(pk, 0),
        )
        for pk in sorted(people)
    ]
    CollectorScore.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["collector", "week_start"],
        update_fields=[
            "promises_made",
            "promises_kept",
            "amount_assigned",
            "amount_collected",
            "cases_assigned",
            "cases_contacted",
            "computed_at",
        ],
    )
    audit_record(
        action="collector_scores.computed",
        target_type="collection.collectorscore",
        after={"week_start": week_start.isoformat(), "collectors": len(rows)},
    )
    return len(rows)
