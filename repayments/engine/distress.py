"""Pure rules for loans that went wrong (docs/servicing.md): what a write-off takes off,
how a recovery after write-off is allocated, how settlement payments fill the settlement's
installments and when a settlement is broken. No database, no clock, Decimal only."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from repayments.engine.types import PARTS, ZERO, Parts, Row

# A recovery after write-off reduces the written-off principal first, then interest, then
# fees and penal charges last (RBI's penal-charges circular of 18 Aug 2023 keeps penal
# charges from being a source of revenue; a recovery of the principal loss comes first).
RECOVERY_ORDER: tuple[str, ...] = ("principal", "interest", "fees", "penal")


@dataclass(frozen=True)
class Claim:
    """What a write-off takes off the books, per part; unearned future interest is dropped."""

    principal: Decimal
    interest: Decimal
    penal: Decimal
    fees: Decimal

    @property
    def total(self) -> Decimal:
        return self.principal + self.interest + self.penal + self.fees


def write_off_rows(rows: Sequence[Row], on: date) -> tuple[list[Row], Claim]:
    """The rows as a write-off on `on` leaves them: interest of rows due after `on` is not
    earned and not claimed (its due is cut to what was paid of it); the claim is everything
    else still unpaid. Principal not yet due is claimed in full: the loan is recalled."""
    out = [r.copy() for r in rows]
    for row in out:
        if row.due_date > on:
            row.interest_due = row.interest_paid
    totals = {part: sum((r.unpaid(part) for r in out), ZERO) for part in PARTS}
    claim = Claim(
        principal=totals["principal"],
        interest=totals["interest"],
        penal=totals["penal"],
        fees=totals["fees"],
    )
    return out, claim


def recovery_allocate(
    rows: Sequence[Row], amount: Decimal, paid_on: date
) -> tuple[list[Row], dict[int, Parts], Decimal]:
    """A recovery on a written-off loan: every row is due (the loan was recalled), oldest
    first, each in RECOVERY_ORDER. Returns (new rows, {row number: parts}, excess)."""
    work = sorted((r.copy() for r in rows), key=lambda r: (r.due_date, r.number))
    by_row: dict[int, Parts] = {}
    left = amount
    for row in work:
        if left <= 0:
            break
        for part in RECOVERY_ORDER:
            unpaid = row.unpaid(part)
            if unpaid <= 0:
                continue
            take = min(unpaid, left)
            setattr(row, f"{part}_paid", row.paid(part) + take)
            by_row.setdefault(row.number, Parts()).add(part, take)
            left -= take
            if left <= 0:
                break
        if row.outstanding <= 0 and row.paid_on is None:
            row.paid_on = paid_on
    return work, by_row, left


@dataclass(frozen=True)
class SettlementDue:
    number: int
    due_date: date
    amount: Decimal
    paid: Decimal = ZERO


def settlement_fill(dues: Sequence[SettlementDue], paid_total: Decimal) -> list[SettlementDue]:
    """Spread everything paid towards a settlement over its installments, earliest first.
    Anything beyond the agreed amount stays on the last installment's `paid` (the caller
    never lets it happen: the settlement completes at the agreed amount)."""
    left = paid_total
    out = []
    for index, due in enumerate(dues):
        last = index == len(dues) - 1
        take = left if last else min(due.amount, left)
        out.append(SettlementDue(due.number, due.due_date, due.amount, max(take, ZERO)))
        left -= max(take, ZERO)
    return out


def settlement_broken(
    dues: Sequence[SettlementDue], as_of: date, grace_days: int
) -> SettlementDue | None:
    """The first installment still short at the end of `as_of` when `as_of` is its due
    date plus the grace days or later (grace 0: unpaid at the end of its due date, as DPD
    counts), or None while the settlement holds."""
    for due in dues:
        if due.paid < due.amount and due.due_date + timedelta(days=grace_days) <= as_of:
            return due
    return None
