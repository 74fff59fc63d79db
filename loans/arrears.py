"""What is overdue: the one rule (pure, no database, no clock), for every caller: the loan
API, the borrower's dashboard, loan and pay pages, the officer console, the payment-time
delinquency refresh and, through its SQL twin (collection.dayend.sql, held equal by
hypothesis in collection/tests/test_arrears_sql.py), the day-end.

Everything is "at the end of business date D":
- an installment is overdue when it fell due on or before D and what is still owed on it
  (every due part minus every paid part) is above the product's materiality floor; a
  remainder at or below the floor counts as paid;
- DPD = (D - due date of the oldest overdue installment) + 1; 0 when nothing is overdue;
- the next payment of an overdue loan is the arrears (everything still owed on installments
  due by D), due now, i.e. on D + 1; of a current loan, the first installment falling due
  after D with its amount still owed. A past date is never presented as upcoming.

Pages and the API read during day T, when the last night's run was for T - 1: they ask
for D = T - 1 (`as_of_for_today`), so an installment due today is "due today", not late,
and the DPD shown is the one the day-end wrote last night (docs/collections.md).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

ZERO = Decimal("0.00")

# Installment statuses (loans.models.InstallmentStatus has the same values and labels).
PAID, PARTIALLY_PAID, DUE, OVERDUE = "paid", "partially_paid", "due", "overdue"


@dataclass(frozen=True, slots=True)
class Due:
    """One installment as the rule sees it."""

    due_date: date
    outstanding: Decimal  # every due part minus every paid part
    paid: Decimal = ZERO  # every paid part (only the status needs it)


def as_of_for_today(today: date) -> date:
    """The business date whose end a page or API answer during `today` describes."""
    return today - timedelta(days=1)


def days_past_due(business_date: date, oldest_overdue_due_date: date | None) -> int:
    """(D - oldest overdue due date) + 1: an installment unpaid at the end of its due date
    is 1 day past due. No overdue installment: 0."""
    if oldest_overdue_due_date is None or oldest_overdue_due_date > business_date:
        return 0
    return (business_date - oldest_overdue_due_date).days + 1


def counts_as_overdue(
    *, due_date: date, outstanding: Decimal, business_date: date, materiality_floor: Decimal
) -> bool:
    """Fell due on or before D and more than the materiality floor is still owed."""
    return due_date <= business_date and outstanding > materiality_floor


def installment_status(row: Due, *, business_date: date, materiality_floor: Decimal) -> str:
    """paid, overdue (counts as overdue at the end of D), partially_paid or due."""
    if row.outstanding <= 0:
        return PAID
    if counts_as_overdue(
        due_date=row.due_date,
        outstanding=row.outstanding,
        business_date=business_date,
        materiality_floor=materiality_floor,
    ):
        return OVERDUE
    if row.paid > 0:
        return PARTIALLY_PAID
    return DUE


@dataclass(frozen=True)
class Arrears:
    """A loan's arrears at the end of `business_date`."""

    business_date: date
    materiality_floor: Decimal
    overdue_count: int = 0
    overdue_amount: Decimal = ZERO  # Σ owed on the installments that count as overdue
    oldest_overdue: date | None = None
    dpd: int = 0
    arrears_amount: Decimal = ZERO  # Σ owed on every installment due by D (clears them all)
    upcoming_date: date | None = None  # the first installment due after D still owing
    upcoming_amount: Decimal | None = None

    @property
    def overdue(self) -> bool:
        return self.dpd > 0

    @property
    def next_payment_date(self) -> date | None:
        """When the next payment is due: now (D + 1) for an overdue loan, else the next
        installment's due date (after D, so never a past date)."""
        if self.overdue:
            return self.business_date + timedelta(days=1)
        return self.upcoming_date

    @property
    def next_payment_amount(self) -> Decimal | None:
        if self.overdue:
            return self.arrears_amount
        return self.upcoming_amount

    @property
    def due_next_day(self) -> Decimal:
        """What must be paid during D + 1 for nothing to be overdue at its end: the arrears
        plus an installment falling due that day (the pay page's "due now")."""
        falls_due = self.upcoming_date == self.business_date + timedelta(days=1)
        return self.arrears_amount + (self.upcoming_amount if falls_due else ZERO)

    def status_of(self, row: Due) -> str:
        return installment_status(
            row, business_date=self.business_date, materiality_floor=self.materiality_floor
        )


def arrears_on(
    rows: Iterable[Due], *, business_date: date, materiality_floor: Decimal = ZERO
) -> Arrears:
    """The arrears of one loan from its installments (any order)."""
    overdue_count, overdue_amount, oldest = 0, ZERO, None
    arrears_amount = ZERO
    upcoming_date, upcoming_amount = None, None
    for row in rows:
        if row.outstanding <= 0:
            continue
        if row.due_date <= business_date:
            arrears_amount += row.outstanding
            if row.outstanding > materiality_floor:
                overdue_count += 1
                overdue_amount += row.outstanding
                if oldest is None or row.due_date < oldest:
                    oldest = row.due_date
        elif upcoming_date is None or row.due_date < upcoming_date:
            upcoming_date, upcoming_amount = row.due_date, row.outstanding
        elif row.due_date == upcoming_date:
            upcoming_amount += row.outstanding  # a charge-only row of the same date
    return Arrears(
        business_date=business_date,
        materiality_floor=materiality_floor,
        overdue_count=overdue_count,
        overdue_amount=overdue_amount,
        oldest_overdue=oldest,
        dpd=days_past_due(business_date, oldest),
        arrears_amount=arrears_amount,
        upcoming_date=upcoming_date,
        upcoming_amount=upcoming_amount,
    )


def nothing_owed(business_date: date, materiality_floor: Decimal = ZERO) -> Arrears:
    """A loan whose schedule is no longer owed (closed, foreclosed, cancelled, pending)."""
    return Arrears(business_date=business_date, materiality_floor=materiality_floor)
