"""The replay engine's data: installment rows, allocation parts, terms, events, results
(repayments.engine re-exports all of it; import from there)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal

from loans.schedule import ScheduleTerms
from loans.vocabulary import ALLOCATION_ORDERS, PENAL_FEES_INTEREST_PRINCIPAL
from repayments.amortization import REDUCE_TENURE

ZERO = Decimal("0.00")
CENT = Decimal("0.01")

STRATEGIES = ALLOCATION_ORDERS
PARTS = ("penal", "fees", "interest", "principal")

REGULAR, PREPAYMENT, FORECLOSURE = "regular", "prepayment", "foreclosure"
KIND_RANK = {REGULAR: 0, PREPAYMENT: 1, FORECLOSURE: 1}

ACTIVE, CLOSED, FORECLOSED = "active", "closed", "foreclosed"


@dataclass(slots=True)
class Row:
    """One installment's dues and what has been paid against each part."""

    number: int
    due_date: date
    principal_due: Decimal
    interest_due: Decimal
    penal_due: Decimal = ZERO
    fees_due: Decimal = ZERO
    principal_paid: Decimal = ZERO
    interest_paid: Decimal = ZERO
    penal_paid: Decimal = ZERO
    fees_paid: Decimal = ZERO
    balance_after: Decimal = ZERO
    paid_on: date | None = None
    kind: str = REGULAR

    def due(self, part: str) -> Decimal:
        return getattr(self, f"{part}_due")

    def paid(self, part: str) -> Decimal:
        return getattr(self, f"{part}_paid")

    def unpaid(self, part: str) -> Decimal:
        return getattr(self, f"{part}_due") - getattr(self, f"{part}_paid")

    @property
    def outstanding(self) -> Decimal:
        return (
            self.principal_due
            + self.interest_due
            + self.penal_due
            + self.fees_due
            - self.principal_paid
            - self.interest_paid
            - self.penal_paid
            - self.fees_paid
        )

    @property
    def scheduled(self) -> Decimal:
        """The installment amount as scheduled (principal + interest)."""
        return self.principal_due + self.interest_due

    def copy(self) -> Row:
        return replace(self)


@dataclass(slots=True)
class Parts:
    penal: Decimal = ZERO
    fees: Decimal = ZERO
    interest: Decimal = ZERO
    principal: Decimal = ZERO

    @property
    def total(self) -> Decimal:
        return self.penal + self.fees + self.interest + self.principal

    def add(self, part: str, amount: Decimal) -> None:
        setattr(self, part, getattr(self, part) + amount)


@dataclass
class Allocation:
    """Where one payment went: per installment (keyed by installment number after the
    replay renumbered the rows), totals per part, and the excess (borrower credit)."""

    amount: Decimal
    by_row: dict[int, Parts] = field(default_factory=dict)
    excess: Decimal = ZERO
    foreclosed: bool = False

    def totals(self) -> Parts:
        out = Parts()
        for parts in self.by_row.values():
            for name in PARTS:
                out.add(name, getattr(parts, name))
        return out

    def as_dict(self) -> dict[str, Decimal]:
        t = self.totals()
        return {
            "penal": t.penal,
            "fees": t.fees,
            "interest": t.interest,
            "principal": t.principal,
            "excess": self.excess,
        }


@dataclass(frozen=True)
class LoanTerms:
    """The original schedule's terms plus the loan's two repayment choices."""

    schedule: ScheduleTerms
    allocation_strategy: str = PENAL_FEES_INTEREST_PRINCIPAL
    prepayment_strategy: str = REDUCE_TENURE


@dataclass(frozen=True)
class PaymentEvent:
    id: int
    amount: Decimal
    paid_on: date


@dataclass(frozen=True)
class ChargeEvent:
    """A charge on the installment due on `due_date` (installments are matched by due
    date, not number, because re-amortization renumbers rows)."""

    id: int
    due_date: date
    kind: str  # "penal" | "fee"
    amount: Decimal
    charged_on: date


@dataclass
class ReplayResult:
    rows: list[Row]
    allocations: dict[int, Allocation]
    status: str
    closed_on: date | None
    charge_rows: dict[int, int] = field(default_factory=dict)  # charge id -> row number
    void_charges: list[int] = field(default_factory=list)  # penal charges the history voids

    @property
    def principal_outstanding(self) -> Decimal:
        return sum((r.principal_due - r.principal_paid for r in self.rows), ZERO)

    @property
    def total_outstanding(self) -> Decimal:
        return sum((r.outstanding for r in self.rows), ZERO)
