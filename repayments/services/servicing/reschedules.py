"""Restructure and moratorium (docs/servicing.md): a new schedule from a date. Both end
in `reschedule_apply`, which writes the new rows, records them as the loan's new base
(repayments.selectors.loan_base: later history replays from it) and audits the change.

Restructure: proposed with the new rate and tenure, approved by another manager, then
accepted by the borrower (the KFS addendum: new APR and schedule) before it applies.
Unpaid principal and interest already due are capitalised or kept as a separate due as
the product says; penal charges never move. Capitalised interest is booked Dr Loan
Portfolio / Cr Capitalised Interest (suspense): principal for the borrower, not income."""

from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from lendingsite.audit import audit_record, refusals_audited
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans import ledger
from loans.models import (
    Loan,
    LoanStatus,
    Proposal,
    ProposalKind,
    Reschedule,
    RescheduleKind,
    RescheduleStatus,
)
from loans.schedule import apr, build_schedule
from repayments import engine
from repayments.amortization import broken_period_interest, cadence_anchor
from repayments.engine.reschedule import restructure_rows
from repayments.models import Charge, Payment
from repayments.selectors import loan_terms, row_to_json
from repayments.services.base import loan_lock
from repayments.services.replay import (
    _installments_drop,
    _installments_locked,
    _installments_store,
)
from repayments.services.servicing.proposals import executor, proposal_create, propose_allowed

ZERO = Decimal("0.00")
MAX_TENURE = 120


@dataclass
class _Rows:  # what _installments_store reads of a replay result
    rows: list


def rows_now(loan: Loan) -> list[engine.Row]:
    return [engine.Row(*s[1:]) for s in _installments_locked(loan.pk)]


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


@refusals_audited("proposal.submit_refused")
@transaction.atomic
def loan_restructure_propose(
    *,
    acting_user,
    loan: Loan,
    annual_rate: Decimal,
    tenure: int,
    reason: str,
    business_date: date | None = None,
) -> Proposal:
    """Propose a new rate and tenure from today for the loan's principal outstanding
    (with its arrears as the product says). Another manager approves; the borrower accepts."""
    propose_allowed(acting_user)
    rate, tenure = _check_terms(annual_rate, tenure)
    today = business_date or today_ist()
    return proposal_create(
        acting_user=acting_user,
        loan=loan,
        kind=ProposalKind.RESTRUCTURE,
        terms={"annual_rate": str(rate), "tenure": tenure},
        reason=reason,
        today=today,
        what="restructured",
    )


def _history_marks(loan: Loan) -> tuple[int, int]:
    payments = Payment.objects.filter(loan=loan).aggregate(m=Max("id"))["m"] or 0
    charges = Charge.objects.filter(loan=loan).aggregate(m=Max("id"))["m"] or 0
    return payments, charges


@executor(ProposalKind.RESTRUCTURE)
def _restructure_execute(*, acting_user, proposal: Proposal, loan: Loan, today: date) -> dict:
    """Approval fixes the addendum (rows, APR) for the borrower to accept; nothing moves."""
    if loan.status != LoanStatus.ACTIVE:
        raise DomainError(
            "loan_not_active", f"Loan #{loan.pk} is {loan.get_status_display().lower()}."
        )
    if loan.settlements.filter(status="in_force").exists():
        raise DomainError("invalid_state", f"Loan #{loan.pk} has a settlement in force.")
    rate, tenure = Decimal(proposal.terms["annual_rate"]), int(proposal.terms["tenure"])
    preview = restructure_preview(loan, on=today, annual_rate=rate, tenure=tenure)
    payments_after, charges_after = _history_marks(loan)
    reschedule = Reschedule.objects.create(
        loan=loan,
        kind=RescheduleKind.RESTRUCTURE,
        status=RescheduleStatus.AWAITING_BORROWER,
        proposal=proposal,
        effective_on=today,
        anchor=today,
        annual_rate=rate,
        tenure=tenure,
        principal_total=preview["principal_total"],
        capitalised=preview["capitalised"],
        apr=preview["apr"],
        before_rows=[row_to_json(r) for r in preview["before"]],
        base_rows=[row_to_json(r) for r in preview["after"]],
        payments_after_id=payments_after,
        charges_after_id=charges_after,
    )
    return {"reschedule": reschedule.pk, "apr": preview["apr"], "awaiting": "borrower"}


@refusals_audited("restructure.accept_refused")
@transaction.atomic
def restructure_accept(
    *, acting_user, reschedule: Reschedule, business_date: date | None = None
) -> Reschedule:
    """The borrower accepts the KFS addendum: the new schedule applies from its date. If
    the loan moved since the approval (a payment, a charge, a settlement, a write-off) or
    the day passed, the addendum has lapsed."""
    loan = loan_lock(reschedule.loan)
    reschedule = Reschedule.objects.select_for_update().get(pk=reschedule.pk)
    if acting_user.pk != loan.borrower_id:
        raise DomainError("permission_denied", "Only the borrower can accept the addendum.")
    if reschedule.status != RescheduleStatus.AWAITING_BORROWER:
        raise DomainError(
            "invalid_state", f"This addendum is {reschedule.get_status_display().lower()}."
        )
    today = business_date or today_ist()
    if (
        loan.status != LoanStatus.ACTIVE
        or loan.under_settlement
        or _history_marks(loan) != (reschedule.payments_after_id, reschedule.charges_after_id)
        or today != reschedule.effective_on
    ):
        Reschedule.objects.filter(pk=reschedule.pk).update(status=RescheduleStatus.LAPSED)
        audit_record(
            action="restructure.lapsed",
            actor=acting_user,
            target=reschedule,
            after={"loan": loan.pk, "reason": "the loan changed or the day passed"},
        )
        reschedule.status = RescheduleStatus.LAPSED
        return reschedule
    reschedule.accepted_at = timezone.now()
    reschedule_apply(loan=loan, reschedule=reschedule, acting_user=acting_user, today=today)
    return reschedule


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
            lines=[
                ledger.Dr(ledger.LOAN_PORTFOLIO, capitalised_interest),
                ledger.Cr(ledger.CAPITALISED_INTEREST_SUSPENSE, capitalised_interest),
            ],
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
