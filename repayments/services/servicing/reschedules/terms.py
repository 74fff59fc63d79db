"""The terms of a restructure and what they give (docs/servicing.md, "Restructuring"):
parsing the proposed rate and tenure or installment amount, and the preview of the new rows and APR that the
proposal's confirmation page and the approval share (one rule)."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

from lendingsite.errors import DomainError
from loans.models import Loan
from loans.schedule import apr, build_schedule
from repayments.amortization import broken_period_interest, cadence_anchor
from repayments.engine.reschedule import (
    InstallmentTooSmall,
    restructure_rows,
    tenure_for_installment,
)
from repayments.selectors import loan_terms
from repayments.services.base import money_parse
from repayments.services.servicing.reschedules.common import MAX_TENURE, ZERO, rows_now


def _check_terms(annual_rate, tenure=None, installment=None) -> dict:
    """The proposal's terms as stored: the new rate and either the tenure or the
    installment amount (the tenure is then derived from the outstanding on approval)."""
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
    terms: dict = {"annual_rate": str(rate.quantize(Decimal("0.0001")))}
    if (tenure is None) == (installment is None):
        raise DomainError(
            "validation_error",
            "Give either the new tenure or the new installment amount, not both.",
            errors={"tenure": ["tenure or installment"], "installment": ["tenure or installment"]},
        )
    if installment is not None:
        amount = money_parse(installment, "installment")
        if amount <= 0:
            raise DomainError(
                "validation_error",
                "The installment amount is more than zero.",
                errors={"installment": ["more than zero"]},
            )
        terms["installment"] = str(amount)
        return terms
    if not isinstance(tenure, int) or not 1 <= tenure <= MAX_TENURE:
        raise DomainError(
            "validation_error",
            f"The new tenure is 1 to {MAX_TENURE} installments.",
            errors={"tenure": [f"1 to {MAX_TENURE}"]},
        )
    terms["tenure"] = tenure
    return terms


def preview_kwargs(terms: dict) -> dict:
    """A proposal's stored terms as restructure_preview's keyword arguments."""
    out: dict = {"annual_rate": Decimal(terms["annual_rate"])}
    if terms.get("installment") is not None:
        out["installment"] = Decimal(terms["installment"])
    else:
        out["tenure"] = int(terms["tenure"])
    return out


def _derived_tenure(schedule_terms, principal: Decimal, annual_rate: Decimal, amount) -> int:
    try:
        return tenure_for_installment(
            schedule_terms,
            principal=principal,
            annual_rate=annual_rate,
            installment=amount,
            max_tenure=MAX_TENURE,
        )
    except InstallmentTooSmall as exc:
        raise DomainError(
            "installment_too_small",
            f"An installment of ₹{amount:,.2f} cannot repay ₹{principal:,.2f} at "
            f"{annual_rate.normalize()}% within {MAX_TENURE} installments; the least that can is "
            f"₹{exc.smallest:,.2f}.",
            errors={"installment": [f"at least {exc.smallest}"]},
            smallest=str(exc.smallest),
        ) from None


def restructure_preview(
    loan: Loan,
    *,
    on: date,
    annual_rate: Decimal,
    tenure: int | None = None,
    installment: Decimal | None = None,
) -> dict:
    """The rows a restructure from `on` would give, its APR and what it capitalises: for
    the proposal's confirmation page and the approval alike (one rule). Given an
    `installment` instead of a `tenure`, the tenure is the shortest whose installment is
    at most that amount (refused with `installment_too_small` when none up to the longest
    is)."""
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
    if installment is not None:
        principal = sum((r.unpaid("principal") for r in future), ZERO)
        principal += arrears if capitalise else ZERO
        tenure = _derived_tenure(terms.schedule, principal, annual_rate, installment)
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
        "tenure": tenure,
        "installment_asked": installment,
    }
