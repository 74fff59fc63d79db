"""Writing a new schedule from a date (restructure and moratorium alike): the rows become
the loan's installments and its new base, which later history replays from
(repayments.selectors.loan_base); what came before is closed. Capitalised interest is
booked Dr Loan Portfolio / Cr Capitalised Interest (suspense): principal for the
borrower, not income."""

from datetime import date
from decimal import Decimal

from lendingsite.audit import audit_record
from lendingsite.errors import DomainError
from loans import ledger
from loans.models import Loan, Reschedule, RescheduleKind, RescheduleStatus
from repayments.services.replay import (
    _installments_drop,
    _installments_locked,
    _installments_store,
)
from repayments.services.servicing.reschedules.common import ZERO, _Rows


def reschedule_apply(*, loan: Loan, reschedule: Reschedule, acting_user, today: date) -> None:
    """Write the reschedule's rows as the loan's installments, book capitalised interest,
    and make it the base later history replays from. Inside the caller's transaction with
    the loan locked."""
    from repayments.selectors import base_rows

    stored = _installments_locked(loan.pk)
    rows = base_rows(reschedule)
    _ids, extras = _installments_store(loan, stored, _Rows(rows))
    _installments_drop(extras)
    capitalised_interest = (
        sum(
            (
                Decimal(r["interest_due"]) - Decimal(r["interest_paid"])
                for r in reschedule.before_rows
                if date.fromisoformat(r["due_date"]) <= reschedule.effective_on
            ),
            ZERO,
        )
        if reschedule.capitalised
        else ZERO
    )
    entry = None
    if capitalised_interest > 0:
        entry = ledger.journal_post(
            entry_date=today,
            kind="interest_capitalised",
            loan=loan,
            reference=f"reschedule:{reschedule.pk}",
            memo=f"Interest in arrears capitalised by restructure {reschedule.pk}",
            acting_user=acting_user,
            lines=ledger.interest_capitalised_lines(loan, capitalised_interest),
        )
    before = {
        "principal_outstanding": loan.principal_outstanding,
        "restructure_count": loan.restructure_count,
    }
    loan.principal_outstanding = sum((r.unpaid("principal") for r in rows), ZERO)
    loan.reschedule_count += 1
    fields = ["principal_outstanding", "reschedule_count", "updated_at"]
    if reschedule.kind == RescheduleKind.RESTRUCTURE:
        loan.restructured, loan.restructured_on = True, today
        loan.restructure_count += 1
        fields += ["restructured", "restructured_on", "restructure_count"]
    loan.save(update_fields=fields)
    reschedule.status, reschedule.applied_on = RescheduleStatus.APPLIED, today
    reschedule.save(update_fields=["status", "applied_on", "accepted_at"])
    audit_record(
        action=f"{reschedule.kind}.applied",
        actor=acting_user,
        target=loan,
        before=before,
        after={
            "reschedule": reschedule.pk,
            "effective_on": reschedule.effective_on,
            "annual_rate": reschedule.annual_rate,
            "tenure": reschedule.tenure,
            "installments": len(rows),
            "principal_outstanding": loan.principal_outstanding,
            "capitalised": reschedule.capitalised,
            "holiday_interest": reschedule.holiday_interest,
            "apr": reschedule.apr,
            "journal_entry": entry.pk if entry else None,
            "moratorium": reschedule.moratorium_id,
        },
    )


def history_closed_check(
    loan: Loan, *, paid_on: date | None = None, payment=None, charge=None
) -> None:
    """Refuse what would rewrite history before the loan's latest reschedule: a payment
    dated before it, the reversal of a payment posted before it, a waiver of a charge
    levied before it (its amount is part of the base the replay starts from)."""
    if not loan.reschedule_count:
        return
    from repayments.selectors import loan_base

    base = loan_base(loan)
    if base is None:
        return
    if paid_on is not None and paid_on < base.effective_on:
        raise DomainError(
            "backdated",
            f"Loan #{loan.pk} was rescheduled on {base.effective_on:%d %b %Y}; a payment "
            "cannot be dated before that.",
            errors={"paid_on": ["before the reschedule"]},
        )
    if payment is not None and payment.pk <= base.payments_after_id:
        raise DomainError(
            "invalid_state",
            f"Payment {payment.pk} was posted before loan #{loan.pk} was rescheduled on "
            f"{base.effective_on:%d %b %Y}; it can no longer be reversed.",
        )
    if charge is not None and charge.pk <= base.charges_after_id:
        raise DomainError(
            "invalid_state",
            f"Charge {charge.pk} was levied before loan #{loan.pk} was rescheduled on "
            f"{base.effective_on:%d %b %Y}; it can no longer be waived.",
        )
