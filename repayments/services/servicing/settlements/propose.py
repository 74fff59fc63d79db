"""Proposing a one-time settlement and carrying it out on approval (docs/servicing.md,
"One-time settlement"): an agreed amount below the dues, in 1-12 installments with rising
dates, approved by a second manager."""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Max

from lendingsite.audit import audit_record, refusals_audited
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.models import (
    Loan,
    LoanStatus,
    Proposal,
    ProposalKind,
    Settlement,
    SettlementInstallment,
    SettlementStatus,
)
from repayments.models import Payment
from repayments.services.base import money_parse
from repayments.services.servicing.proposals import executor, proposal_create, propose_allowed
from repayments.services.servicing.settlements.common import (
    MAX_INSTALLMENTS,
    ZERO,
    _flag_set,
    loan_dues,
)


def _installments_parse(amount: Decimal, installments, today: date) -> list[dict]:
    if not installments:
        return [{"due_date": (today + timedelta(days=30)).isoformat(), "amount": str(amount)}]
    if len(installments) > MAX_INSTALLMENTS:
        raise DomainError(
            "validation_error",
            f"A settlement has at most {MAX_INSTALLMENTS} installments.",
            errors={"installments": ["too many"]},
        )
    out, previous, total = [], None, ZERO
    for item in installments:
        due, part = item["due_date"], money_parse(item["amount"], "installments")
        if part <= 0 or due < today or (previous is not None and due <= previous):
            raise DomainError(
                "validation_error",
                "Each settlement installment needs an amount above zero and a date from "
                "today on, later than the one before.",
                errors={"installments": ["amounts above zero, dates rising from today"]},
            )
        previous, total = due, total + part
        out.append({"due_date": due.isoformat(), "amount": str(part)})
    if total != amount:
        raise DomainError(
            "validation_error",
            f"The installments add up to ₹{total:,.2f}, not the agreed ₹{amount:,.2f}.",
            errors={"installments": ["must add up to the amount"]},
        )
    return out


@refusals_audited("proposal.submit_refused")
@transaction.atomic
def loan_settlement_propose(
    *,
    acting_user,
    loan: Loan,
    amount: Decimal,
    reason: str,
    installments: list[dict] | None = None,
    grace_days: int | None = None,
    business_date: date | None = None,
) -> Proposal:
    """Propose settling the loan for `amount` (below its dues), paid by `installments`
    ([{due_date, amount}], default one installment in 30 days)."""
    propose_allowed(acting_user)
    today = business_date or today_ist()
    amount = money_parse(amount, "amount")
    grace = settings.SETTLEMENT_GRACE_DAYS if grace_days is None else grace_days
    if not 0 <= grace <= 90:
        raise DomainError(
            "validation_error", "The grace is 0 to 90 days.", errors={"grace_days": ["0 to 90"]}
        )
    dues = loan_dues(loan, today) if loan.status == LoanStatus.ACTIVE else ZERO
    if loan.status == LoanStatus.ACTIVE and not ZERO < amount < dues:
        raise DomainError(
            "validation_error",
            f"A settlement is for less than the dues (₹{dues:,.2f}) and more than zero.",
            errors={"amount": ["must be below the dues and above zero"]},
        )
    terms = {
        "amount": str(amount),
        "dues": str(dues),
        "grace_days": grace,
        "installments": _installments_parse(amount, installments, today),
    }
    return proposal_create(
        acting_user=acting_user,
        loan=loan,
        kind=ProposalKind.SETTLEMENT,
        terms=terms,
        reason=reason,
        today=today,
        what="settled",
    )


@executor(ProposalKind.SETTLEMENT)
def _settlement_execute(*, acting_user, proposal: Proposal, loan: Loan, today: date) -> dict:
    if loan.status != LoanStatus.ACTIVE:
        raise DomainError(
            "loan_not_active",
            f"Loan #{loan.pk} is {loan.get_status_display().lower()}; only an active loan can "
            "be settled.",
        )
    if loan.settlements.filter(status=SettlementStatus.IN_FORCE).exists():
        raise DomainError("invalid_state", f"Loan #{loan.pk} already has a settlement in force.")
    terms = proposal.terms
    amount = Decimal(terms["amount"])
    dues = loan_dues(loan, today)
    if amount >= dues:
        raise DomainError(
            "invalid_state",
            f"Loan #{loan.pk} now owes ₹{dues:,.2f}; a settlement of ₹{amount:,.2f} is no "
            "longer below its dues.",
        )
    last = Payment.objects.filter(loan=loan).aggregate(m=Max("id"))["m"] or 0
    settlement = Settlement.objects.create(
        loan=loan,
        proposal=proposal,
        amount=amount,
        dues_at_approval=dues,
        grace_days=terms["grace_days"],
        approved_on=today,
        payments_after_id=last,
    )
    _flag_set(loan, True)
    SettlementInstallment.objects.bulk_create(
        SettlementInstallment(
            settlement=settlement,
            number=n,
            due_date=date.fromisoformat(item["due_date"]),
            amount=Decimal(item["amount"]),
        )
        for n, item in enumerate(terms["installments"], start=1)
    )
    audit_record(
        action="settlement.opened",
        actor=acting_user,
        target=settlement,
        after={
            "loan": loan.pk,
            "amount": amount,
            "dues": dues,
            "installments": terms["installments"],
        },
    )
    return {"settlement": settlement.pk, "amount": amount, "dues": dues}
