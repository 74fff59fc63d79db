"""Payments towards a settlement in force (docs/servicing.md, "One-time settlement"): each
payment after the approval counts towards it; paid in full, the rest is waived by one
balanced entry (Dr Write-off Expense / Cr Loan Portfolio for the principal left, Dr Charges
Suspense / Cr Charges Receivable for the charges left) and the loan is `settled`."""

from datetime import date

from django.utils import timezone

from lendingsite import rawsql
from lendingsite.audit import audit_record
from loans import ledger
from loans.models import Installment, Loan, LoanStatus, Settlement, SettlementStatus
from repayments import engine
from repayments.models import Payment
from repayments.services.replay import ROW_FIELDS, _installments_locked, _row_values
from repayments.services.servicing.settlements.common import ZERO, _flag_set, _paid_refresh


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
    _paid_refresh(settlement)
    if loan.status != LoanStatus.ACTIVE:  # the payment paid the whole loan off
        settlement.status, settlement.ended_on = SettlementStatus.SUPERSEDED, today
        # Queryset updates, not save(update_fields=...): inside payment posting's pipeline
        # (PostgreSQL) the ORM cannot read the row count save() checks.
        Settlement.objects.filter(pk=settlement.pk).update(status=settlement.status, ended_on=today)
        _flag_set(loan, False)
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
        _paid_refresh(settlement, without=payment.pk)


def _settle(loan: Loan, settlement: Settlement, acting_user, today: date) -> None:
    stored = _installments_locked(loan.pk)
    rows = [engine.Row(*s[1:]) for s in stored]
    interest = sum((r.unpaid("interest") for r in rows if r.due_date <= today), ZERO)
    principal = ledger.account_balance(ledger.LOAN_PORTFOLIO, loan=loan)
    charges = ledger.account_balance(ledger.CHARGES_RECEIVABLE, loan=loan)
    # Accrual basis: interest recognised and not collected is waived with the rest (a
    # loss like the principal); the part in suspense leaves with its receivable.
    accrued = ledger.accrued_interest(loan)
    interest_lines = ledger.accrued_interest_clear(accrued)
    entry = (
        ledger.journal_post(
            entry_date=today,
            kind="settlement_waiver",
            loan=loan,
            reference=f"settlement:{settlement.pk}",
            memo=f"Settlement {settlement.pk} of loan #{loan.pk}: the rest of the dues waived",
            acting_user=acting_user,
            lines=[
                ledger.Dr(ledger.WRITE_OFF_EXPENSE, principal + accrued.unpaid),
                ledger.Cr(ledger.LOAN_PORTFOLIO, principal),
                ledger.Dr(ledger.CHARGES_SUSPENSE, charges),
                ledger.Cr(ledger.CHARGES_RECEIVABLE, charges),
                *interest_lines,
            ],
        )
        if principal or charges or any(ln.debit or ln.credit for ln in interest_lines)
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
    _flag_set(loan, False)
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
