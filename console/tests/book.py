"""A small seeded book for the dashboard and report tests, made through the real services
and day-ends, and the figures recomputed independently from installments, payments and
what each loan looked like after the month-end runs (not from the snapshot tables)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from collection.dayend import day_end_run
from collection.tests.dayend_helpers import loan_due, pay, pay_installments
from loans.models import Installment, Loan, LoanStatus
from loans.tests.factories import ProductFactory
from repayments.models import Payment, PaymentStatus

ZERO = Decimal("0.00")
FIRST, LAST = date(2025, 3, 1), date(2025, 4, 30)
MAR31 = date(2025, 3, 31)


@dataclass
class Book:
    products: list
    loans: dict
    buckets_at: dict = field(default_factory=dict)  # date -> {loan id: bucket}


def seed_book() -> Book:
    """Five loans on two products, day-ends run every day of March and April 2025:
    - good (A): every installment paid on its due date;
    - late (A): February paid, then nothing (SMA-1 by 30 April);
    - never (B): nothing paid (SMA-2 by 30 April);
    - april (B): February and March paid, April not (SMA-0 by 30 April);
    - new (A): disbursed 15 March, its 15 April installment unpaid."""
    a, b = ProductFactory(), ProductFactory()
    jan31 = date(2025, 1, 31)
    loans = {
        "good": loan_due(jan31, product=a),
        "late": loan_due(jan31, product=a, amount="200000.00"),
        "never": loan_due(jan31, product=b, amount="50000.00"),
        "april": loan_due(jan31, product=b),
    }
    for key in ("good", "late", "april"):
        pay_installments(loans[key], [1], on=date(2025, 2, 28))
    book = Book(products=[a, b], loans=loans)
    day = FIRST
    while day <= LAST:
        if day == date(2025, 3, 15):
            loans["new"] = loan_due(day, product=a, amount="80000.00", tenure=6)
        if day == MAR31:
            for key in ("good", "april"):
                pay_installments(loans[key], [2], on=day)
        if day == date(2025, 4, 30):
            pay_installments(loans["good"], [3], on=day)
            pay(loans["late"], Decimal("1000.00"), on=day)  # a part payment
        day_end_run(business_date=day)
        if day in (MAR31, LAST):
            book.buckets_at[day] = dict(Loan.objects.values_list("id", "bucket"))
        day += timedelta(days=1)
    return book


# --- the independent computation -------------------------------------------------------


def dpd_from_installments(loan: Loan, on: date) -> int:
    """Days past the oldest installment due by `on` that is still owed (paid state now,
    which is the state at `on` when nothing was paid after it)."""
    owed = [
        i.due_date
        for i in Installment.objects.filter(loan=loan, due_date__lte=on).order_by("number")
        if i.outstanding > 0
    ]
    return (on - owed[0]).days + 1 if owed else 0


def par(on: date, threshold: int, product=None) -> tuple[Decimal, Decimal]:
    """(principal outstanding of active loans with DPD > threshold, of all active loans);
    threshold 0 means DPD ≥ 1."""
    loans = Loan.objects.filter(status=LoanStatus.ACTIVE)
    if product:
        loans = loans.filter(product=product)
    total, at_risk = ZERO, ZERO
    for loan in loans:
        total += loan.principal_outstanding
        if dpd_from_installments(loan, on) > threshold:
            at_risk += loan.principal_outstanding
    return at_risk, total


def demand(month_first: date, month_last: date) -> Decimal:
    rows = Installment.objects.filter(due_date__range=(month_first, month_last))
    return sum((i.principal_due + i.interest_due for i in rows), ZERO)


def collected(month_first: date, month_last: date) -> Decimal:
    rows = Payment.objects.filter(
        paid_on__range=(month_first, month_last), status=PaymentStatus.POSTED
    )
    return sum((p.amount - p.excess for p in rows), ZERO)


def rolls(book: Book, start: date, end: date) -> dict[tuple[str, str], int]:
    """Loans on the book at `start` (disbursed by then, active now): bucket then → now."""
    moves: dict[tuple[str, str], int] = {}
    for loan in Loan.objects.filter(status=LoanStatus.ACTIVE, disbursed_on__lte=start):
        key = (book.buckets_at[start][loan.pk], book.buckets_at[end][loan.pk])
        moves[key] = moves.get(key, 0) + 1
    return moves
