"""One loan's delinquency recomputed at once, between two nights: after a payment, a
reversal or a charge waiver changed what the borrower owes (docs/collections.md, "Between
two nights").

`loan_delinquency_refresh` is the day-end's state, history and case steps for one loan, in
Python, from the same rules: the arrears (loans.selectors.loan_arrears, the rule the
day-end's SQL is held equal to) and the bucket (collection.dayend.buckets.bucket_for, with
the NPA upgrade rule). The payment services (repayments) cannot import this app; they
report what they did through the audit trail, and the listeners below (registered in
CollectionConfig.ready) call the refresh in the same transaction.

A loan that is current and stays current costs nothing: a payment can only lower what is
owed, so after a payment on a current loan nothing is read or written here.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from collection.dayend.buckets import bucket_for, bucket_table, in_restructure_watch
from collection.models import (
    OPEN_CASE_STATUSES,
    BucketHistory,
    CaseStatus,
    CollectionCase,
    DayEndRun,
)
from lendingsite.audit import audit_listen, audit_record
from loans.models import Loan, LoanStatus
from loans.selectors import loan_arrears

DAY_END_JOB = "day_end"


@dataclass(frozen=True)
class Delinquency:
    dpd: int
    bucket: str
    overdue_amount: Decimal
    case_id: int | None
    case_status: str | None
    changed: bool


def delinquency_as_of(booked_on: date) -> date:
    """The business date whose end a change booked on `booked_on` is judged at: the last
    night (the day before), or the booking day itself once that day's day-end has run
    (a late booking after an early run must not undo what the run saw)."""
    last_run = (
        DayEndRun.objects.filter(
            job=DAY_END_JOB, forced_loan__isnull=True, business_date__lte=booked_on
        )
        .aggregate(last=Max("business_date"))
        .get("last")
    )
    night_before = booked_on - timedelta(days=1)
    return max(night_before, last_run) if last_run else night_before


def _history_write(loan: Loan, *, old: str, new: str, dpd: int, on: date, cause: str) -> None:
    """One row per loan and date (from: the bucket at the start of the day, to: at its
    end), as the day-end writes them."""
    # QuerySet updates throughout, not save(update_fields=…): inside payment posting's
    # pipeline block a statement's row count is not read back (lendingsite.rawsql).
    same_day = BucketHistory.objects.filter(loan=loan, business_date=on)
    if same_day.exists():
        same_day.update(to_bucket=new, dpd=dpd, cause=cause[:200])
    else:
        BucketHistory.objects.create(
            loan=loan,
            business_date=on,
            from_bucket=old,
            to_bucket=new,
            dpd=dpd,
            cause=cause[:200],
        )


def _case_view(case: CollectionCase | None) -> dict | None:
    if case is None:
        return None
    return {"id": case.pk, "status": case.status, "overdue_amount": case.overdue_amount}


def _case_sync(
    loan: Loan, *, dpd: int, overdue: Decimal, on: date
) -> tuple[dict | None, CollectionCase | None]:
    """Resolve, refresh or open the loan's case as the day-end's cases step does. Returns
    the open case as it was (for the audit event) and the case now."""
    case = (
        CollectionCase.objects.select_for_update()
        .filter(loan=loan, status__in=OPEN_CASE_STATUSES)
        .first()
    )
    before = _case_view(case)
    if case is not None:
        now = timezone.now()
        row = CollectionCase.objects.filter(pk=case.pk)
        if dpd == 0:
            case.status, case.closed_on, case.overdue_amount = CaseStatus.RESOLVED, on, 0
            row.update(status=case.status, closed_on=on, overdue_amount=0, updated_at=now)
        elif case.overdue_amount != overdue:
            case.overdue_amount = overdue
            row.update(overdue_amount=overdue, updated_at=now)
        return before, case
    if dpd > 0 and loan.status == LoanStatus.ACTIVE:
        from collection.services.desk import cases_assign_round_robin

        case = CollectionCase.objects.create(loan=loan, opened_on=on, overdue_amount=overdue)
        cases_assign_round_robin(case_ids=[case.pk])
        return before, case
    return before, None


@transaction.atomic
def loan_delinquency_refresh(
    *, loan: Loan, as_of: date, recorded_on: date, cause: str = "", acting_user=None
) -> Delinquency | None:
    """Recompute one loan's DPD and bucket at the end of `as_of` from its installments as
    they are now, write a bucket-history row (dated `recorded_on`, saying `cause`) when the
    bucket moves, and resolve, refresh or open its collection case (dated `recorded_on`).
    NPA is left only when every arrear is paid (bucket_for). A written-off loan keeps its
    frozen DPD and bucket (None). Legal escalation stays with the nightly run."""
    loan = Loan.objects.select_related("product").select_for_update(of=("self",)).get(pk=loan.pk)
    if loan.status == LoanStatus.WRITTEN_OFF:
        return None
    arrears = loan_arrears(loan, as_of=as_of)  # nothing owed once settled: DPD 0, current
    bucket = bucket_for(
        arrears.dpd,
        table=bucket_table(),
        previous=loan.bucket,
        npa_threshold_days=loan.product.npa_threshold_days,
        in_watch=in_restructure_watch(loan.restructured_on, as_of),
    )
    before = {"dpd": loan.dpd, "bucket": loan.bucket}
    if (loan.dpd, loan.bucket) != (arrears.dpd, bucket):
        Loan.objects.filter(pk=loan.pk).update(
            dpd=arrears.dpd, bucket=bucket, updated_at=timezone.now()
        )
    if bucket != loan.bucket:
        _history_write(
            loan, old=loan.bucket, new=bucket, dpd=arrears.dpd, on=recorded_on, cause=cause
        )
    case_before, case = _case_sync(
        loan, dpd=arrears.dpd, overdue=arrears.overdue_amount, on=recorded_on
    )
    case_after = _case_view(case)
    after = {"dpd": arrears.dpd, "bucket": bucket}
    changed = before != after or case_before != case_after
    if changed:
        audit_record(
            action="loan.delinquency_refreshed",
            actor=acting_user,
            target=loan,
            before={**before, "case": case_before},
            after={
                **after,
                "case": case_after,
                "overdue_amount": arrears.overdue_amount,
                "as_of": as_of,
                "recorded_on": recorded_on,
                "cause": cause,
            },
        )
    return Delinquency(
        dpd=arrears.dpd,
        bucket=bucket,
        overdue_amount=arrears.overdue_amount,
        case_id=case.pk if case else None,
        case_status=case.status if case else None,
        changed=changed,
    )


# --- listeners: what the payment services report (lendingsite.audit.audit_listen) ---------


def _refresh_after(loan: Loan, *, booked_on: date, cause: str, acting_user) -> None:
    result = loan_delinquency_refresh(
        loan=loan,
        as_of=delinquency_as_of(booked_on),
        recorded_on=booked_on,
        cause=cause,
        acting_user=acting_user,
    )
    if result is not None:  # the caller's instance (answers, console messages) follows
        loan.dpd, loan.bucket = result.dpd, result.bucket


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def payment_posted(*, event, target) -> None:
    """A payment only lowers what is owed: a current loan stays current, untouched."""
    loan = target.loan
    if loan.dpd == 0 and loan.bucket == bucket_table().current.name:
        return
    after = event.after
    booked_on = _day(after["business_date"])
    paid_on = _day(after["paid_on"])
    cause = f"payment {target.pk} paid on {paid_on:%d %b %Y}"
    if paid_on < booked_on:
        cause += f", recorded on {booked_on:%d %b %Y}"
    _refresh_after(loan, booked_on=booked_on, cause=cause, acting_user=event.actor)


def payment_reversed(*, event, target) -> None:
    """A reversal can bring arrears back: always recomputed."""
    booked_on = _day(event.after["reversed_on"])
    cause = f"reversal of payment {target.pk}"
    _refresh_after(target.loan, booked_on=booked_on, cause=cause, acting_user=event.actor)


def charge_waived(*, event, target) -> None:
    """A waiver lowers what is owed, and may clear the last arrear."""
    booked_on = _day(event.after["decided_on"])
    cause = f"waiver {event.after['waiver']} of charge {target.pk}"
    _refresh_after(target.loan, booked_on=booked_on, cause=cause, acting_user=event.actor)


def listen() -> None:
    """Called once from CollectionConfig.ready()."""
    audit_listen("payment.posted")(payment_posted)
    audit_listen("payment.reversed")(payment_reversed)
    audit_listen("charge.waived")(charge_waived)
