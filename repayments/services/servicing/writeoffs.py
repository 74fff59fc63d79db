"""Write-off (docs/servicing.md, "Write-off"): proposed with a reason and a kind
(technical: the claim is kept and pursued; full: given up), approved by another person.
The approval posts one balanced entry: Dr Write-off Expense / Cr Loan Portfolio for the
principal outstanding, Dr Charges Suspense / Cr Charges Receivable for the charges unpaid
(interest is cash basis: never booked, so nothing to take out). The loan becomes
`written_off`, its book principal 0; interest not yet due is not claimed. Later payments
are recoveries (repayments.services.servicing.recoveries)."""

from datetime import date

from django.db import transaction

from lendingsite import rawsql
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans import ledger
from loans.ledger import ZERO
from loans.models import Installment, Loan, Proposal, ProposalKind, WriteOff, WriteOffKind
from repayments import engine
from repayments.engine.distress import write_off_rows
from repayments.services.replay import ROW_FIELDS, _installments_locked, _row_values
from repayments.services.servicing.proposals import executor, proposal_create, propose_allowed


@refusals_audited("proposal.submit_refused")
@transaction.atomic
def loan_write_off_propose(
    *,
    acting_user,
    loan: Loan,
    kind: str = WriteOffKind.TECHNICAL,
    reason: str,
    business_date: date | None = None,
) -> Proposal:
    """Propose writing the loan off; nothing moves until another manager approves."""
    propose_allowed(acting_user)
    if kind not in WriteOffKind.values:
        raise DomainError(
            "validation_error",
            f"Unknown write-off kind {kind!r}; use one of: {', '.join(WriteOffKind.values)}.",
            errors={"kind": ["unknown kind"]},
        )
    return proposal_create(
        acting_user=acting_user,
        loan=loan,
        kind=ProposalKind.WRITE_OFF,
        terms={"write_off_kind": kind},
        reason=reason,
        today=business_date or today_ist(),
        what="written off",
    )


def write_off_preview(loan: Loan, on: date) -> dict:
    """What a write-off on `on` would take off (for the confirmation page): the claim per
    part and the entry's lines. Reads, locks nothing."""
    rows = [engine.Row(*s[1:]) for s in _installments_locked(loan.pk)]
    _, claim = write_off_rows(rows, on)
    return {"claim": claim, "lines": _lines(loan)}


def _lines(loan: Loan) -> list[ledger.Line]:
    """The write-off's entry. The loss is the principal and any interest recognised as
    income and not collected (accrual basis; what an NPA held in suspense was never
    income and leaves with its receivable). The provision the month-end close made for
    this loan is used first; only the rest is a new expense (docs/accounting.md)."""
    principal = ledger.account_balance(ledger.LOAN_PORTFOLIO, loan=loan)
    charges = ledger.account_balance(ledger.CHARGES_RECEIVABLE, loan=loan)
    accrued = ledger.accrued_interest(loan)
    held = max(-ledger.account_balance(ledger.LOAN_LOSS_PROVISION, loan=loan), ZERO)
    loss = principal + accrued.unpaid
    used = min(held, loss)
    return [
        ledger.Dr(ledger.LOAN_LOSS_PROVISION, used),
        ledger.Dr(ledger.WRITE_OFF_EXPENSE, loss - used),
        ledger.Cr(ledger.LOAN_PORTFOLIO, principal),
        ledger.Dr(ledger.CHARGES_SUSPENSE, charges),
        ledger.Cr(ledger.CHARGES_RECEIVABLE, charges),
        # Receivable and suspense cleared whatever their state (interest paid after the
        # last close, or suspense held beyond the receivable, is income now).
        *ledger.accrued_interest_clear(accrued),
    ]


@executor(ProposalKind.WRITE_OFF)
def _write_off_execute(*, acting_user, proposal: Proposal, loan: Loan, today: date) -> dict:
    if loan.status != "active":
        raise DomainError(
            "loan_not_active",
            f"Loan #{loan.pk} is {loan.get_status_display().lower()}; only an active loan can "
            "be written off.",
        )
    if loan.settlements.filter(status="in_force").exists():
        raise DomainError(
            "invalid_state",
            f"Loan #{loan.pk} has a settlement in force; it must be paid or broken first.",
        )
    stored = _installments_locked(loan.pk)
    rows, claim = write_off_rows([engine.Row(*s[1:]) for s in stored], today)
    changed = []
    for s, row in zip(stored, rows, strict=True):
        values = _row_values(row)
        if s[2:] != values:
            changed.append((s[0], values))
    rawsql.values_update(Installment, ROW_FIELDS, changed)
    lines = _lines(loan)
    if lines[2].credit != claim.principal or lines[3].debit != claim.penal + claim.fees:
        # The books and the schedule disagree: never write off a loan in that state.
        raise DomainError(
            "invalid_state",
            f"Loan #{loan.pk}: the ledger (principal ₹{lines[2].credit}, charges "
            f"₹{lines[3].debit}) does not match its schedule (₹{claim.principal}, "
            f"₹{claim.penal + claim.fees}); reconcile it before writing it off.",
        )
    kind = proposal.terms.get("write_off_kind", WriteOffKind.TECHNICAL)
    entry = ledger.journal_post(
        entry_date=today,
        kind="write_off",
        loan=loan,
        reference=f"proposal:{proposal.pk}",
        memo=f"{kind.title()} write-off of loan #{loan.pk}: {proposal.reason}",
        acting_user=acting_user,
        lines=lines,
    )
    before = {"status": loan.status, "principal_outstanding": loan.principal_outstanding}
    record = WriteOff.objects.create(
        loan=loan,
        proposal=proposal,
        kind=kind,
        written_off_on=today,
        principal=claim.principal,
        interest=claim.interest,
        penal=claim.penal,
        fees=claim.fees,
        journal_entry=entry,
    )
    loan.write_off()
    loan.principal_outstanding = 0
    loan.save(update_fields=["status", "principal_outstanding", "updated_at"])
    audit_record(
        action="loan.written_off",
        actor=acting_user,
        target=loan,
        before=before,
        after={
            "status": loan.status,
            "kind": kind,
            "claim": claim.total,
            "principal": claim.principal,
            "interest": claim.interest,
            "penal": claim.penal,
            "fees": claim.fees,
            "journal_entry": entry.pk,
            "proposal": proposal.pk,
            "proposed_by": proposal.proposed_by_id,
        },
    )
    return {"write_off": record.pk, "claim": claim.total, "journal_entry": entry.pk}
