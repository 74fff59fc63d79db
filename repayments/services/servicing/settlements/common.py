"""What the settlement's steps share: the loan's dues (the settlement's ceiling), the
loan's `under_settlement` flag, and the recount of what was paid towards a settlement."""

from datetime import date
from decimal import Decimal

from django.db.models import Sum

from loans.models import Loan, Settlement, SettlementInstallment
from repayments import engine
from repayments.engine.distress import SettlementDue, settlement_fill
from repayments.models import Payment, PaymentStatus
from repayments.services.replay import _installments_locked

ZERO = Decimal("0.00")
MAX_INSTALLMENTS = 12


def loan_dues(loan: Loan, on: date) -> Decimal:
    """What the borrower owes to close the loan today, for the settlement's ceiling: the
    principal outstanding plus interest and charges due and unpaid."""
    rows = [engine.Row(*s[1:]) for s in _installments_locked(loan.pk)]
    due = sum((r.outstanding - r.unpaid("principal") for r in rows if r.due_date <= on), ZERO)
    return loan.principal_outstanding + due


def _flag_set(loan: Loan, value: bool) -> None:
    loan.under_settlement = value
    Loan.objects.filter(pk=loan.pk).update(under_settlement=value)


def _paid_refresh(settlement: Settlement, *, without: int | None = None) -> list[SettlementDue]:
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
