"""One-time settlement (docs/servicing.md, "Settlement"): the borrower pays an agreed
amount below the dues, in one or a few installments with dates; proposed by one manager,
approved by another. Payments after the approval are posted as any payment (they reduce
the loan's own dues) and count towards the settlement. Paid in full: the rest is waived
by one balanced entry (Dr Write-off Expense / Cr Loan Portfolio for the principal left,
Dr Charges Suspense / Cr Charges Receivable for the charges left) and the loan is
`settled`. An installment still short past the grace breaks it (the day-end's step): the
loan simply carries on with its old dues, less what was paid, since the payments already
went to them."""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.db.models import Max, Sum
from django.utils import timezone

from lendingsite import rawsql
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans import ledger
from loans.models import (
    Installment,
    Loan,
    LoanStatus,
    Proposal,
    ProposalKind,
    Settlement,
    SettlementInstallment,
    SettlementStatus,
)
from repayments import engine
from repayments.engine.distress import SettlementDue, settlement_broken, settlement_fill
from repayments.models import Payment, PaymentStatus
from repayments.services.base import money_parse
from repayments.services.replay import ROW_FIELDS, _installments_locked, _row_values
from repayments.services.servicing.proposals import executor, proposal_create, propose_allowed

ZERO = Decimal("0.00")
MAX_INSTALLMENTS = 12


def loan_dues(loan: Loan, on: date) -> Decimal:
    """What the borrower owes to close the loan today, for the settlement's ceiling: the
    principal outstanding plus interest and charges due and unpaid."""
    rows = [engine.Row(*s[1:]) for s in _installments_locked(loan.pk)]
    due = sum((r.outstanding - r.unpaid("principal") for r in rows if r.due_date <= on), ZERO)
    return loan.principal_outstanding + due


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
    _flag(loan, True)
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


def _flag(loan: Loan, value: bool) -> None:
    loan.under_settlement = value
    Loan.objects.filter(pk=loan.pk).update(under_settlement=value)


def _refresh(settlement: Settlement, *, without: int | None = None) -> list[SettlementDue]:
    """Recount what was paid towards the settlement and spread it over its installments."""
    payments = Payment.objects.filter(
        loan_id=settlement.loan_id, status=PaymentStatus.POSTED, pk__gt=settlement.payments_after_id
    )
    if without is not None:
        payments = payments.exclude(pk=without)
    paid = payments.aggregate(s=Sum("amount"))["s"] or ZERO
    rows = list(settlement.installments.order_by("number"))
    dues = settlement_fill(
        [SettlementDue(r.number, r.due_date, r.amount, r.paid) for r in rows], paid
    )
    for row, due in zip(rows, dues, strict=True):
        if row.paid != due.paid:
            SettlementInstallment.objects.filter(pk=row.pk).update(paid=due.paid)
    settlement.paid = paid
    Settlement.objects.filter(pk=settlement.pk).update(paid=paid)
    return dues


def settlement_payment_apply(*, loan: Loan, payment: Payment, acting_user, today: date) -> None:
    """After a payment on the loan: count it towards the settlement in force (if any);
    settle the loan when the agreed amount is paid."""
    if not loan.under_settlement:
        return
    settlement = (
        Settlement.objects.select_for_update()
        .filter(loan_id=loan.pk, status=SettlementStatus.IN_FORCE)
        .first()
    )
    if settlement is None:
        return
    _refresh(settlement)
    if loan.status != LoanStatus.ACTIVE:  # the payment paid the whole loan off
        settlement.status, settlement.ended_on = SettlementStatus.SUPERSEDED, today
        # Queryset updates, not save(update_fields=...): inside payment posting's pipeline
        # (PostgreSQL) the ORM cannot read the row count save() checks.
        Settlement.objects.filter(pk=settlement.pk).update(status=settlement.status, ended_on=today)
        _flag(loan, False)
        audit_record(
            action="settlement.superseded",
            actor=acting_user,
            target=settlement,
            after={"loan": loan.pk, "loan_status": loan.status, "paid": settlement.paid},
        )
        return
    if settlement.paid >= settlement.amount:
        _settle(loan, settlement, acting_user, today)


def settlement_payment_unapply(*, loan: Loan, payment: Payment, acting_user, today: date) -> None:
    """Before a payment's reversal: it no longer counts towards the settlement in force."""
    if not loan.under_settlement:
        return
    settlement = (
        Settlement.objects.select_for_update()
        .filter(loan_id=loan.pk, status=SettlementStatus.IN_FORCE)
        .first()
    )
    if settlement is not None:
        _refresh(settlement, without=payment.pk)


def _settle(loan: Loan, settlement: Settlement, acting_user, today: date) -> None:
    stored = _installments_locked(loan.pk)
    rows = [engine.Row(*s[1:]) for s in stored]
    interest = sum((r.unpaid("interest") for r in rows if r.due_date <= today), ZERO)
    principal = ledger.account_balance(ledger.LOAN_PORTFOLIO, loan=loan)
    charges = ledger.account_balance(ledger.CHARGES_RECEIVABLE, loan=loan)
    entry = (
        ledger.journal_post(
            entry_date=today,
            kind="settlement_waiver",
            loan=loan,
            reference=f"settlement:{settlement.pk}",
            memo=f"Settlement {settlement.pk} of loan #{loan.pk}: the rest of the dues waived",
            acting_user=acting_user,
            lines=[
                ledger.Dr(ledger.WRITE_OFF_EXPENSE, principal),
                ledger.Cr(ledger.LOAN_PORTFOLIO, principal),
                ledger.Dr(ledger.CHARGES_SUSPENSE, charges),
                ledger.Cr(ledger.CHARGES_RECEIVABLE, charges),
            ],
        )
        if principal or charges
        else None
    )
    # What was waived is no longer due: each row's dues become what was paid of them.
    changed = []
    for s, row in zip(stored, rows, strict=True):
        for part in engine.PARTS:
            setattr(row, f"{part}_due", row.paid(part))
        row.paid_on = row.paid_on or today
        values = _row_values(row)
        if s[2:] != values:
            changed.append((s[0], values))
    rawsql.values_update(Installment, ROW_FIELDS, changed)
    settlement.status, settlement.ended_on = SettlementStatus.PAID, today
    _flag(loan, False)
    settlement.waived_principal, settlement.waived_interest = principal, interest
    settlement.waived_charges = charges
    Settlement.objects.filter(pk=settlement.pk).update(
        status=settlement.status,
        ended_on=today,
        waived_principal=principal,
        waived_interest=interest,
        waived_charges=charges,
    )  # the entry is found by its reference "settlement:<id>" (no id yet in the pipeline)
    before = {"status": loan.status, "principal_outstanding": loan.principal_outstanding}
    loan.settle()
    loan.principal_outstanding, loan.closed_on = ZERO, today
    Loan.objects.filter(pk=loan.pk).update(
        status=loan.status, principal_outstanding=ZERO, closed_on=today, updated_at=timezone.now()
    )
    audit_record(
        action="loan.settled",
        actor=acting_user,
        target=loan,
        before=before,
        after={
            "status": loan.status,
            "settlement": settlement.pk,
            "paid": settlement.paid,
            "waived_principal": principal,
            "waived_interest": interest,
            "waived_charges": charges,
            "journal_reference": f"settlement:{settlement.pk}" if entry else None,
        },
    )


@transaction.atomic
def settlements_break_due(*, business_date: date, acting_user=None) -> int:
    """The day-end's step: break every settlement in force with an installment still short
    at the end of `business_date` past its grace. Idempotent (a broken one is no longer in
    force). Returns how many were broken."""
    broken = 0
    for settlement in Settlement.objects.select_for_update().filter(
        status=SettlementStatus.IN_FORCE
    ):
        dues = _refresh(settlement)
        missed = settlement_broken(dues, business_date, settlement.grace_days)
        if missed is None:
            continue
        settlement.status, settlement.ended_on = SettlementStatus.BROKEN, business_date
        settlement.save(update_fields=["status", "ended_on"])
        _flag(settlement.loan, False)
        broken += 1
        audit_record(
            action="settlement.broken",
            actor=acting_user,
            target=settlement,
            after={
                "loan": settlement.loan_id,
                "installment": missed.number,
                "due_date": missed.due_date,
                "short_by": missed.amount - missed.paid,
                "paid": settlement.paid,
                "grace_days": settlement.grace_days,
            },
        )
    return broken
