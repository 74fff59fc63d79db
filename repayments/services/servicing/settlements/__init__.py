"""One-time settlement (docs/servicing.md, "One-time settlement"): the borrower pays an
agreed amount below the dues, in one or a few installments with dates; proposed by one
manager, approved by another (propose). Payments after the approval count towards it and
settle the loan when it is paid (payments); an installment still short past the grace
breaks it (breaking, the day-end's step)."""

from repayments.services.servicing.settlements.breaking import settlements_break_due
from repayments.services.servicing.settlements.common import MAX_INSTALLMENTS, loan_dues
from repayments.services.servicing.settlements.payments import (
    settlement_payment_apply,
    settlement_payment_unapply,
)
from repayments.services.servicing.settlements.propose import loan_settlement_propose

__all__ = [
    "MAX_INSTALLMENTS",
    "loan_dues",
    "loan_settlement_propose",
    "settlement_payment_apply",
    "settlement_payment_unapply",
    "settlements_break_due",
]
