"""The terms of a restructure and what they give (docs/servicing.md, "Restructuring"):
parsing the proposed rate and tenure, and the preview of the new rows and APR that the
proposal's confirmation page and the approval share (one rule)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from lendingsite.errors import DomainError
from loans.models import Loan
from loans.schedule import apr, build_schedule
from repayments.amortization import broken_period_interest, cadence_anchor
from repayments.engine.reschedule import restructure_rows
from repayments.selectors import loan_terms
from repayments.services.servicing.reschedules.common import MAX_TENURE, ZERO, rows_now


def _check_terms(annual_rate, tenure) -> tuple[Decimal, int]:
    try:
        rate = Decimal(str(annual_rate))
    except Exception:
        rate = Decimal(-1)
    if not rate.is_finite() or not Decimal(0) <= rate <= Decimal(60):
        raise DomainError(
            "validation_error",
            "The new rate is a percentage a year from 0 to 60.",
            errors={"annual_rate": ["0 to 60"]},
        )
    if not isinstance(tenure, int) or not 1 <= tenure <= MAX_TENURE:
        raise DomainError(
            "validation_error",
            f"The new tenure is 1 to {MAX_TENURE} installments.",
            errors={"tenure": [f"1 to {MAX_TENURE}"]},
        )
    return rate.quantize(Decimal("0.0001")), tenure


def restructure_preview(loan: Loan, *, on: date, annual_rate: Decimal, tenure: int) -> dict:
    """The rows a restructure from `on` would give, its APR and what it capitalises: for
    the proposal's confirmation page and the approval alike (one rule)."""
    if loan.frequency != "monthly":
        raise DomainError("invalid_state", "Only monthly loans can be restructured here.")
    before = rows_now(loan)
    terms = loan_terms(loan)
    capitalise = loan.product.restructure_capitalises_arrears
    arrears = sum(
        (r.unpaid("principal") + r.unpaid("interest") for r in before if r.due_date <= on), ZERO
    )
    arrears_interest = sum((r.unpaid("interest") for r in before if r.due_date <= on), ZERO)
    future = [r for r in before if r.due_date > on]
    if not any(r.unpaid("principal") > 0 for r in future) and not capitalise:
        raise DomainError("invalid_state", f"Loan #{loan.pk} has no principal left to restructure.")
    after = restructure_rows(
        before,
        on,
        ZERO,
        annual_rate=annual_rate,
        tenure=tenure,
        capitalise_arrears=capitalise,
        schedule_terms=terms.schedule,
    )
    new_principal = sum((r.principal_due for r in after if r.due_date > on), ZERO)
    # The interest from the last due date to `on` on the principal not yet due is owed:
    # it joins the first new installment (the new schedule's interest runs from `on`).
    anchor, _ = cadence_anchor(terms.schedule, on)
    future_principal = sum((r.unpaid("principal") for r in future), ZERO)
    broken = broken_period_interest(terms.schedule, future_principal, anchor, on)
    first_new = next(r for r in after if r.due_date > on)
    first_new.interest_due += broken
    schedule_terms = replace(
        terms.schedule,
        principal=new_principal,
        annual_rate=annual_rate,
        tenure=tenure,
        disbursement_date=on,
        grace_on_principal=0,
    )
    return {
        "before": before,
        "after": after,
        "new_principal": new_principal,
        "capitalised": arrears if capitalise else ZERO,
        "capitalised_interest": arrears_interest if capitalise else ZERO,
        "kept_as_due": ZERO if capitalise else arrears,
        "broken_period_interest": broken,
        "apr": apr(new_principal, build_schedule(schedule_terms)),
        "installment": build_schedule(schedule_terms).installment_amount,
        "principal_total": sum((r.principal_due for r in after), ZERO),
    }
