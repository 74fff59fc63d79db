"""Moratorium for one or many loans (docs/servicing.md, "Moratorium"): `moratorium_create`
records the holiday and its loans; `moratorium_run` applies it loan by loan, each in its
own transaction (a crash loses at most the loan in hand; a second run skips what is done:
idempotent and resumable), each audited. Run by the Celery task
repayments.tasks.moratorium_apply or `manage.py apply_moratorium ID`."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from lendingsite.audit import audit_record, refusals_audited
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.models import (
    Loan,
    LoanStatus,
    Moratorium,
    MoratoriumLoan,
    MoratoriumLoanStatus,
    Reschedule,
    RescheduleKind,
    RescheduleStatus,
)
from loans.schedule import add_months
from repayments.engine.reschedule import moratorium_rows
from repayments.selectors import loan_terms, row_to_json
from repayments.services.base import loan_lock
from repayments.services.servicing.reschedules import history_marks, reschedule_apply, rows_now

PERM = "loans.apply_moratorium"
MAX_LOANS = 10000
MAX_INSTALLMENTS = 12
ZERO = Decimal("0.00")


def moratorium_allowed(acting_user) -> None:
    if not acting_user.has_perm(PERM):
        raise DomainError(
            "permission_denied", "Only credit and collections managers can grant a moratorium."
        )


@refusals_audited("moratorium.create_refused")
@transaction.atomic
def moratorium_create(
    *,
    acting_user,
    name: str,
    start: date,
    installments: int,
    loan_ids: list[int],
    business_date: date | None = None,
) -> Moratorium:
    """Record a payment holiday of `installments` from `start` for the loans; nothing
    moves until the job runs."""
    moratorium_allowed(acting_user)
    name = (name or "").strip()
    if not name:
        raise DomainError("validation_error", "Name the moratorium.", errors={"name": ["required"]})
    if not 1 <= installments <= MAX_INSTALLMENTS:
        raise DomainError(
            "validation_error",
            f"A moratorium defers 1 to {MAX_INSTALLMENTS} installments.",
            errors={"installments": [f"1 to {MAX_INSTALLMENTS}"]},
        )
    ids = sorted(set(loan_ids))
    if not 1 <= len(ids) <= MAX_LOANS:
        raise DomainError(
            "validation_error",
            f"Give 1 to {MAX_LOANS} loans.",
            errors={"loans": [f"1 to {MAX_LOANS} loans"]},
        )
    found = set(Loan.objects.filter(pk__in=ids).values_list("id", flat=True))
    missing = [i for i in ids if i not in found]
    if missing:
        raise DomainError(
            "validation_error",
            f"No such loan: {', '.join(map(str, missing[:10]))}.",
            errors={"loans": ["unknown loan"]},
        )
    today = business_date or today_ist()
    if start < today:
        raise DomainError(
            "validation_error",
            "A moratorium starts today or later.",
            errors={"start": ["in the past"]},
        )
    moratorium = Moratorium.objects.create(
        name=name[:120],
        start=start,
        installments=installments,
        created_by=acting_user,
        created_on=today,
    )
    MoratoriumLoan.objects.bulk_create(
        MoratoriumLoan(moratorium=moratorium, loan_id=i) for i in ids
    )
    audit_record(
        action="moratorium.created",
        actor=acting_user,
        target=moratorium,
        after={"start": start, "installments": installments, "loans": len(ids)},
    )
    return moratorium


def moratorium_run(*, moratorium: Moratorium, business_date: date | None = None) -> dict:
    """Apply the moratorium to every loan still pending, one transaction each. Returns
    the counts. A second run finds nothing pending and changes nothing."""
    today = business_date or today_ist()
    counts = {"applied": 0, "skipped": 0}
    pending = MoratoriumLoan.objects.filter(
        moratorium=moratorium, status=MoratoriumLoanStatus.PENDING
    ).order_by("loan_id")
    for item_id in list(pending.values_list("id", flat=True)):
        status = _one(item_id, today)
        if status:
            counts[status] += 1
    if not MoratoriumLoan.objects.filter(
        moratorium=moratorium, status=MoratoriumLoanStatus.PENDING
    ).exists():
        Moratorium.objects.filter(pk=moratorium.pk, finished_at__isnull=True).update(
            finished_at=timezone.now()
        )
        audit_record(action="moratorium.finished", target=moratorium, after=counts)
    return counts


def _skip(item: MoratoriumLoan, note: str) -> str:
    item.status, item.note = MoratoriumLoanStatus.SKIPPED, note[:300]
    item.save(update_fields=["status", "note"])
    audit_record(
        action="moratorium.skipped",
        target=item.loan,
        actor=item.moratorium.created_by,
        after={"moratorium": item.moratorium_id, "note": note},
    )
    return "skipped"


def _deferred(loan: Loan, start: date, count: int):
    """The loan's rows now and after deferring `count` installments from `start`, the
    holiday interest and the due date the moved rows count from (one rule for the job and
    the console's confirmation page). ValueError when nothing falls due from `start`."""
    before = rows_now(loan)
    earlier = [r.due_date for r in before if r.due_date < start or r.outstanding <= 0]
    anchor_before = max(earlier) if earlier else loan.disbursed_on
    after, interest = moratorium_rows(
        before,
        start=start,
        count=count,
        annual_rate=loan.annual_rate,
        accrue_interest=loan.product.moratorium_accrues_interest,
        rounding=loan.rounding,
        anchor_before=anchor_before,
    )
    return before, after, interest, anchor_before


def moratorium_preview(loan: Loan, *, start: date, installments: int) -> dict:
    """What the moratorium would do to one loan, for the confirmation page: reads only."""
    try:
        before, after, interest, _ = _deferred(loan, start, installments)
    except ValueError as exc:
        return {"loan": loan, "error": str(exc)}
    return {
        "loan": loan,
        "before": before,
        "after": after,
        "holiday_interest": interest,
        "accrues": loan.product.moratorium_accrues_interest,
    }


@transaction.atomic
def _one(item_id: int, today: date) -> str | None:
    item = MoratoriumLoan.objects.select_for_update().select_related("moratorium").get(pk=item_id)
    if item.status != MoratoriumLoanStatus.PENDING:  # another worker did it
        return None
    moratorium = item.moratorium
    loan = loan_lock(item.loan)
    if loan.status != LoanStatus.ACTIVE:
        return _skip(item, f"The loan is {loan.get_status_display().lower()}.")
    if loan.frequency != "monthly":
        return _skip(item, "Only monthly loans can be deferred.")
    if loan.settlements.filter(status="in_force").exists():
        return _skip(item, "A settlement is in force.")
    try:
        before, after, interest, anchor_before = _deferred(
            loan, moratorium.start, moratorium.installments
        )
    except ValueError as exc:
        return _skip(item, str(exc))
    moved = [r for r in after if r.due_date > anchor_before]
    payments_after, charges_after = history_marks(loan)
    terms = loan_terms(loan)
    reschedule = Reschedule.objects.create(
        loan=loan,
        kind=RescheduleKind.MORATORIUM,
        status=RescheduleStatus.AWAITING_BORROWER,
        moratorium=moratorium,
        effective_on=today,
        anchor=add_months(anchor_before, moratorium.installments),
        annual_rate=terms.schedule.annual_rate,
        tenure=len(moved),
        principal_total=sum((r.principal_due for r in after), ZERO),
        holiday_interest=interest,
        before_rows=[row_to_json(r) for r in before],
        base_rows=[row_to_json(r) for r in after],
        payments_after_id=payments_after,
        charges_after_id=charges_after,
    )
    reschedule_apply(
        loan=loan, reschedule=reschedule, acting_user=moratorium.created_by, today=today
    )
    item.status = MoratoriumLoanStatus.APPLIED
    item.save(update_fields=["status"])
    return "applied"
