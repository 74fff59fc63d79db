"""What the payment services share: permission names, amount parsing, the loan lock."""

from decimal import Decimal, InvalidOperation

from lendingsite.errors import DomainError
from loans.models import Loan

ADD_PERM = "repayments.add_payment"
REVERSE_PERM = "repayments.reverse_payment"
REFUND_PERM = "repayments.add_creditrefund"
CENT = Decimal("0.01")


def money_parse(value, field: str) -> Decimal:
    """A money amount in rupees and paise, or the refusal naming `field`."""
    try:
        amount = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        raise DomainError(
            "validation_error", "The amount must be a number.", errors={field: ["not a number"]}
        ) from None
    if not amount.is_finite() or amount != amount.quantize(CENT):
        raise DomainError(
            "validation_error",
            "The amount must be in rupees and paise (at most 2 decimal places).",
            errors={field: ["at most 2 decimal places"]},
        )
    return amount.quantize(CENT)


def loan_lock(loan: Loan) -> Loan:
    return Loan.objects.select_for_update().get(pk=loan.pk)
