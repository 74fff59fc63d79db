"""What the payment services share: permission names, amount parsing, the loan lock."""

from decimal import Decimal

from lendingsite.errors import DomainError
from lendingsite.money import AmountInvalid, amount_parse
from loans.models import Loan

ADD_PERM = "repayments.add_payment"
REVERSE_PERM = "repayments.reverse_payment"
REFUND_PERM = "repayments.add_creditrefund"
CENT = Decimal("0.01")


def money_parse(value, field: str) -> Decimal:
    """A money amount in rupees and paise, or the refusal naming `field`. Text is read by
    lendingsite.money.amount_parse (plain digits: "1e3" is not ₹1,000); a Decimal or an int
    is already a number. A negative amount is read: the caller's range rule refuses it."""
    not_a_number = DomainError(
        "validation_error", "The amount must be a number.", errors={field: ["not a number"]}
    )
    too_precise = DomainError(
        "validation_error",
        "The amount must be in rupees and paise (at most 2 decimal places).",
        errors={field: ["at most 2 decimal places"]},
    )
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)
    if isinstance(value, str):
        try:
            return amount_parse(value, digits=16, signed=True)
        except AmountInvalid as exc:
            raise (too_precise if exc.kind == "places" else not_a_number) from None
    if not isinstance(value, Decimal):
        raise not_a_number
    if not value.is_finite() or value != value.quantize(CENT):
        raise too_precise
    return value.quantize(CENT)


def loan_lock(loan: Loan) -> Loan:
    return Loan.objects.select_for_update().get(pk=loan.pk)
