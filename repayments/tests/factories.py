"""Payment helpers for tests (any app may import them). Everything goes through the real
services, as a finance officer unless told otherwise.

    from repayments.tests.factories import post_payment, reverse_payment, emi_of

    loan = active_loan(disbursed_on=date(2026, 1, 10), tenure=12)
    payment = post_payment(loan, amount=emi_of(loan), paid_on=date(2026, 2, 10))
    reverse_payment(payment)                   # by another finance officer
"""

import itertools
from datetime import date
from decimal import Decimal

from accounts.roles import FINANCE
from accounts.tests.factories import staff
from loans import ledger
from loans.models import Installment, JournalEntry, JournalLine, Loan
from repayments.models import Payment, PaymentAllocation, PaymentReversal
from repayments.services.payments import charge_levy, payment_post, payment_reverse

_utrs = itertools.count(1)


def next_utr(prefix: str = "UTRT") -> str:
    return f"{prefix}{next(_utrs):012d}"


def post_payment(
    loan: Loan,
    *,
    amount: Decimal,
    paid_on: date,
    utr: str | None = None,
    acting_user=None,
    channel: str = "neft",
    business_date: date | None = None,
    **kwargs,
) -> Payment:
    """payment_post as a finance officer; the business date defaults to `paid_on`."""
    return payment_post(
        acting_user=acting_user or staff(FINANCE),
        loan=loan,
        amount=amount,
        paid_on=paid_on,
        channel=channel,
        utr=utr or next_utr(),
        business_date=business_date or paid_on,
        **kwargs,
    )


def reverse_payment(
    payment: Payment, *, reason: str = "Cheque bounced", acting_user=None, business_date=None
) -> PaymentReversal:
    return payment_reverse(
        acting_user=acting_user or staff(FINANCE),
        payment=payment,
        reason=reason,
        business_date=business_date or payment.paid_on,
    )


def levy_penal(loan: Loan, *, number: int, amount: Decimal, charged_on: date):
    installment = Installment.objects.get(loan=loan, number=number)
    return charge_levy(
        loan=loan, installment=installment, kind="penal", amount=amount, charged_on=charged_on
    )


def emi_of(loan: Loan) -> Decimal:
    """The regular installment (principal + interest) of the loan's first row."""
    row = Installment.objects.filter(loan=loan).order_by("number").first()
    return row.principal_due + row.interest_due


def money_snapshot(loan: Loan | None = None) -> dict:
    """Counts and sums that any write would change: for "nothing was written" checks."""
    rows = Installment.objects.all() if loan is None else Installment.objects.filter(loan=loan)
    sums = {
        name: sum((getattr(i, name) for i in rows), Decimal("0.00"))
        for name in (
            "principal_due",
            "interest_due",
            "penal_due",
            "fees_due",
            "principal_paid",
            "interest_paid",
            "penal_paid",
            "fees_paid",
        )
    }
    return {
        "payments": Payment.objects.count(),
        "allocations": PaymentAllocation.objects.count(),
        "journal_entries": JournalEntry.objects.count(),
        "journal_lines": JournalLine.objects.count(),
        "installments": rows.count(),
        **sums,
        "portfolio": ledger.account_balance(ledger.LOAN_PORTFOLIO),
    }


def open_exit(loan: Loan, *, on: date | None = None):
    """The borrower asks to exit (exit_request_open); returns the request."""
    from repayments.services.exits import exit_request_open

    request, _ = exit_request_open(acting_user=loan.borrower, loan=loan, business_date=on)
    return request


def pay_exit(loan: Loan, *, on: date, utr: str | None = None, **kwargs) -> Payment:
    """The borrower asks to exit on `on` and finance posts, dated `on`, exactly what pays
    the loan off that day: the loan ends cancelled."""
    from loans.services.loans import cooling_off_amount

    open_exit(loan, on=on)
    amount = cooling_off_amount(Loan.objects.get(pk=loan.pk), on=on)["total"]
    return post_payment(loan, amount=amount, paid_on=on, utr=utr, **kwargs)
