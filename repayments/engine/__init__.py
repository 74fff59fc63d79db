"""Allocation and replay: pure, deterministic, Decimal only, no database, no clock.

The installment state of a loan is always what `replay` gives when every posted payment
and every charge is applied, in order, to the ORIGINAL schedule. Rules and choices:
docs/payments.md.

Row kinds: `regular` rows come from a schedule (the original one or a re-amortization);
a `prepayment` row (due on the payment date) records principal paid ahead of schedule
plus the interest for the broken period on it; a `foreclosure` row records the principal
and accrued interest that closed the loan early. A regular row whose principal and
interest vanished in a re-amortization but which carries a charge stays as a charge-only
row (principal and interest due 0).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal

from loans.schedule import build_schedule
from loans.vocabulary import INTEREST_PRINCIPAL_PENAL_FEES, PENAL_FEES_INTEREST_PRINCIPAL
from repayments.amortization import (
    REDUCE_EMI,
    REDUCE_TENURE,
    ForeclosureAmount,
    broken_period_interest,
    cadence_anchor,
    foreclosure_amount,
    reamortize,
    split_prepayment,
)
from repayments.engine.types import (
    ACTIVE,
    CENT,
    CLOSED,
    FORECLOSED,
    FORECLOSURE,
    KIND_RANK,
    PARTS,
    PREPAYMENT,
    REGULAR,
    STRATEGIES,
    ZERO,
    Allocation,
    ChargeEvent,
    LoanTerms,
    Parts,
    PaymentEvent,
    ReplayResult,
    Row,
)

# The data types live in repayments.engine.types and the foreclosure arithmetic in
# repayments.amortization; callers use both from here.
__all__ = [
    "ACTIVE",
    "CLOSED",
    "FORECLOSED",
    "FORECLOSURE",
    "INTEREST_PRINCIPAL_PENAL_FEES",
    "PARTS",
    "PENAL_FEES_INTEREST_PRINCIPAL",
    "PREPAYMENT",
    "REDUCE_EMI",
    "REDUCE_TENURE",
    "REGULAR",
    "STRATEGIES",
    "Allocation",
    "ChargeEvent",
    "ForeclosureAmount",
    "LoanTerms",
    "Parts",
    "PaymentEvent",
    "ReplayResult",
    "Row",
    "allocate",
    "broken_period_interest",
    "cadence_anchor",
    "foreclosure_amount",
    "original_rows",
    "penal_charge_void",
    "replay",
    "rows_from_schedule",
]


def rows_from_schedule(schedule) -> list[Row]:
    return [
        Row(
            number=i.number,
            due_date=i.due_date,
            principal_due=i.principal,
            interest_due=i.interest,
            balance_after=i.balance,
        )
        for i in schedule.installments
    ]


def original_rows(terms: LoanTerms) -> list[Row]:
    return rows_from_schedule(build_schedule(terms.schedule))


# --- allocation -------------------------------------------------------------------------


# What one payment paid, per row: id(row) -> (the row, its parts). Holding the row keeps
# its id from being reused while the replay runs.
Allocated = dict[int, tuple["Row", "Parts"]]


def _parts_for(alloc: Allocated, row: Row) -> Parts:
    entry = alloc.get(id(row))
    if entry is None:
        entry = alloc[id(row)] = (row, Parts())
    return entry[1]


def _allocate_dues(
    rows: list[Row], amount: Decimal, paid_on: date, order: Sequence[str], alloc: Allocated
) -> Decimal:
    """Pay the dues of rows due on or before `paid_on`, oldest first, each row in the
    strategy's part order. Mutates the rows; returns what is left of `amount`."""
    left = amount
    for row in rows:  # rows are kept sorted by due date
        if left <= 0 or row.due_date > paid_on:
            break
        if row.outstanding <= 0:
            continue
        parts = None
        for part in order:
            unpaid = row.unpaid(part)
            if unpaid <= 0:
                continue
            take = unpaid if unpaid < left else left
            setattr(row, f"{part}_paid", row.paid(part) + take)
            if parts is None:
                parts = _parts_for(alloc, row)
            parts.add(part, take)
            left -= take
            if left <= 0:
                break
        if row.outstanding <= 0 and row.paid_on is None:
            row.paid_on = paid_on
    return left


def allocate(
    rows: Sequence[Row],
    amount: Decimal,
    paid_on: date,
    strategy: str = PENAL_FEES_INTEREST_PRINCIPAL,
) -> tuple[list[Row], dict[int, Parts], Decimal]:
    """Pay the dues to date of a copy of `rows`: oldest installment first among those due on
    or before `paid_on`, within each the strategy's order. Returns (new rows, {installment
    number: parts}, what is left over: a prepayment or excess for the caller)."""
    work = sorted((r.copy() for r in rows), key=_sort_key)
    alloc: Allocated = {}
    left = _allocate_dues(work, amount, paid_on, STRATEGIES[strategy], alloc)
    return work, {row.number: parts for row, parts in alloc.values()}, left


def _sort_key(row: Row):
    return (row.due_date, KIND_RANK[row.kind])


def _apply_payment(
    rows: list[Row], event: PaymentEvent, terms: LoanTerms, alloc: Allocated
) -> tuple[list[Row], Decimal, bool]:
    """Dues first, then prepayment or foreclosure. Returns (rows, excess, foreclosed)."""
    order = STRATEGIES[terms.allocation_strategy]
    left = _allocate_dues(rows, event.amount, event.paid_on, order, alloc)
    if left <= 0:
        return rows, ZERO, False
    on = event.paid_on
    future = [r for r in rows if r.due_date > on and r.kind == REGULAR]
    future_principal = sum((r.unpaid("principal") for r in future), ZERO)
    if future_principal <= 0:
        return rows, left, False
    quote = foreclosure_amount(rows, terms.schedule, on)
    kept = [r for r in rows if not (r.due_date > on and r.kind == REGULAR)]
    # Charges are levied only on installments already due, so future rows carry none; a
    # charge-only row is kept as it is rather than silently dropped.
    kept += [r for r in future if r.penal_due or r.fees_due]
    for r in future:
        if r.penal_due or r.fees_due:
            r.principal_due = r.interest_due = ZERO
    if left >= quote.future_principal + quote.accrued_interest:
        row = Row(
            number=0,
            due_date=on,
            principal_due=quote.future_principal,
            interest_due=quote.accrued_interest,
            principal_paid=quote.future_principal,
            interest_paid=quote.accrued_interest,
            paid_on=on,
            kind=FORECLOSURE,
        )
        alloc[id(row)] = (
            row,
            Parts(interest=quote.accrued_interest, principal=quote.future_principal),
        )
        kept.append(row)
        kept.sort(key=_sort_key)
        return kept, left - quote.future_principal - quote.accrued_interest, True
    anchor, _ = cadence_anchor(terms.schedule, on)
    principal, interest = split_prepayment(terms.schedule, left, anchor, on)
    if principal >= future_principal:  # a paisa short of foreclosure after rounding
        principal = future_principal - CENT
        interest = left - principal
    row = Row(
        number=0,
        due_date=on,
        principal_due=principal,
        interest_due=interest,
        principal_paid=principal,
        interest_paid=interest,
        paid_on=on,
        kind=PREPAYMENT,
    )
    alloc[id(row)] = (row, Parts(interest=interest, principal=principal))
    schedule, cadence = reamortize(
        terms.schedule,
        future_principal - principal,
        on,
        [r.scheduled for r in future],
        terms.prepayment_strategy,
    )
    new_future = rows_from_schedule(schedule)
    for future_row, due in zip(new_future, cadence, strict=True):
        future_row.due_date = due
    kept.append(row)
    by_date = {r.due_date: r for r in new_future}
    merged = []
    for r in kept:
        # A charge-only row whose due date is still scheduled merges back into it.
        if r.kind == REGULAR and r.due_date > on and r.due_date in by_date:
            target = by_date[r.due_date]
            target.penal_due, target.fees_due = r.penal_due, r.fees_due
            continue
        merged.append(r)
    merged.extend(new_future)
    merged.sort(key=_sort_key)
    return merged, ZERO, False


def _charge_target(rows: Sequence[Row], event: ChargeEvent) -> Row | None:
    return next((r for r in rows if r.kind == REGULAR and r.due_date == event.due_date), None)


def penal_charge_void(rows: Sequence[Row], event: ChargeEvent, materiality_floor: Decimal) -> bool:
    """A penal charge is void when, with every earlier event applied (payments of its own
    date included: charges come after them), its installment is not overdue above the
    floor: what is owed on it is at or below the floor, or the installment is gone (a
    foreclosure or re-amortization before its due date). The day-end would never have
    levied it; a payment dated on time but recorded late must leave the loan as if it had
    been recorded that day. Fees are not penalties for lateness and are never void."""
    if event.kind != "penal":
        return False
    target = _charge_target(rows, event)
    return target is None or target.outstanding <= materiality_floor


def _apply_charge(rows: list[Row], event: ChargeEvent) -> tuple[list[Row], Row]:
    target = _charge_target(rows, event)
    if target is None:
        # The installment vanished in a later-dated re-amortization or foreclosure: the
        # charge stays owed on a charge-only row of that due date.
        target = Row(number=0, due_date=event.due_date, principal_due=ZERO, interest_due=ZERO)
        rows = sorted([*rows, target], key=_sort_key)
    if event.kind == "penal":
        target.penal_due += event.amount
    else:
        target.fees_due += event.amount
    target.paid_on = None
    return rows, target


def _charge_from_excess(target: Row, event: ChargeEvent, raw: dict[int, list]) -> None:
    """A charge that reaches a loan holding the borrower's money (the excess of payments
    that found nothing owed) is paid from it, latest payment first: a payment dated the
    same day as the charge comes before it in the replay, and paying the foreclosure
    quote must still close the loan."""
    part = "penal" if event.kind == "penal" else "fees"
    for payment_id in reversed(list(raw)):
        entry = raw[payment_id]
        left = target.unpaid(part)
        if left <= 0:
            break
        take = min(entry[1], left)
        if take <= 0:
            continue
        setattr(target, f"{part}_paid", target.paid(part) + take)
        _parts_for(entry[0], target).add(part, take)
        entry[1] -= take
    if target.outstanding <= 0:
        target.paid_on = event.charged_on


def _event_key(event):
    if isinstance(event, PaymentEvent):
        return (event.paid_on, 0, event.id)
    return (event.charged_on, 1, event.id)


def _finish(rows: list[Row], principal: Decimal) -> None:
    balance = principal
    for number, row in enumerate(rows, start=1):
        row.number = number
        balance -= row.principal_due
        row.balance_after = balance


def replay(
    original: Sequence[Row],
    events: Iterable[PaymentEvent | ChargeEvent],
    terms: LoanTerms,
    *,
    status: str = ACTIVE,
    closed_on: date | None = None,
    materiality_floor: Decimal = ZERO,
) -> ReplayResult:
    """Apply every event, in order of (date, charges after payments on the same date, id),
    to a copy of the original schedule. Pass only posted payments (not reversed ones) and
    charges in force, each with the amount in force. A penal charge that the replayed
    history shows void (`penal_charge_void`, with the product's `materiality_floor`) is
    not applied and is listed in the result's `void_charges`.

    Replaying from a later point is the same thing: pass the rows as they stood after the
    earlier events (and the status then) and only the events that come after all of them;
    rows due after the first new event must then all be regular rows, which holds for any
    state the replay produced."""
    rows = sorted((r.copy() for r in original), key=_sort_key)
    raw: dict[int, list] = {}  # payment id -> [allocation by row, excess, foreclosed, amount]
    charged: dict[int, date] = {}
    void: list[int] = []
    for event in sorted(events, key=_event_key):
        if isinstance(event, ChargeEvent):
            if penal_charge_void(rows, event, materiality_floor):
                void.append(event.id)
                continue
            rows, target = _apply_charge(rows, event)
            charged[event.id] = event.due_date
            if status != ACTIVE:
                _charge_from_excess(target, event, raw)
        else:
            alloc: Allocated = {}
            rows, excess, foreclosed = _apply_payment(rows, event, terms, alloc)
            raw[event.id] = [alloc, excess, foreclosed, event.amount]
            if foreclosed:
                status, closed_on = FORECLOSED, event.paid_on
        owing = any(r.outstanding > 0 for r in rows)
        if owing and status != ACTIVE:
            status, closed_on = ACTIVE, None
        elif not owing and status == ACTIVE:
            status, closed_on = CLOSED, _event_date(event)
    _finish(rows, terms.schedule.principal)
    regular = {r.due_date: r.number for r in rows if r.kind == REGULAR}
    numbers = {id(r): r.number for r in rows}
    allocations = {}
    for payment_id, (alloc, excess, foreclosed, amount) in raw.items():
        allocations[payment_id] = Allocation(
            amount=amount,
            by_row={numbers[id(row)]: parts for row, parts in alloc.values()},
            excess=excess,
            foreclosed=foreclosed,
        )
    return ReplayResult(
        rows=rows,
        allocations=allocations,
        status=status,
        closed_on=closed_on,
        charge_rows={
            charge_id: regular[due] for charge_id, due in charged.items() if due in regular
        },
        void_charges=void,
    )


def _event_date(event) -> date:
    return event.paid_on if isinstance(event, PaymentEvent) else event.charged_on
