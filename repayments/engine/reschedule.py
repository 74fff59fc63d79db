"""Pure rules for changing a schedule after the fact (docs/servicing.md, "Restructuring"
and "Moratorium"): re-amortizing missed installments over the remaining ones (Fineract's
re-amortization), a restructure from a date with new terms built by the schedule engine,
and a moratorium that defers installments. No database, no clock, Decimal only; monthly
schedules (the only ones the distress services accept).

Penal charges and fees are never capitalised (RBI penal-charges circular, 18 Aug 2023):
they stay on the rows they were levied on, as a separate due."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from decimal import Decimal

from loans.schedule import ScheduleTerms, add_months, build_schedule, round_money
from repayments.engine.types import CENT, REGULAR, ZERO, Row


def _renumber(rows: list[Row], principal: Decimal) -> list[Row]:
    balance = principal
    for number, row in enumerate(rows, start=1):
        row.number = number
        balance -= row.principal_due
        row.balance_after = balance
    return rows


def _split(amount: Decimal, parts: int) -> list[Decimal]:
    """`amount` in `parts` equal shares rounded to the paisa, the last taking the rest."""
    share = (amount / parts).quantize(CENT)
    return [share] * (parts - 1) + [amount - share * (parts - 1)]


def _cut_arrears(past: list[Row]) -> tuple[Decimal, Decimal]:
    """Take the unpaid principal and interest off the rows already due (their dues become
    what was paid); penal and fees stay. Returns (principal, interest) taken."""
    principal = interest = ZERO
    for row in past:
        principal += row.unpaid("principal")
        interest += row.unpaid("interest")
        row.principal_due, row.interest_due = row.principal_paid, row.interest_paid
    return principal, interest


def reamortize_arrears(rows: Sequence[Row], on: date, principal: Decimal) -> list[Row]:
    """Fineract's re-amortization: the principal and interest unpaid on rows due on or
    before `on` are spread evenly over the rows due after it (principal to principal,
    interest to interest); the missed rows keep only what was paid of them (and their
    penal charges and fees, never moved). ₹1,000 in 4 x ₹250, two missed: 2 x ₹500."""
    out = [r.copy() for r in rows]
    past = [r for r in out if r.due_date <= on]
    future = [r for r in out if r.due_date > on and r.kind == REGULAR]
    if not future:
        raise ValueError("Nothing is due after the date: there is nothing to spread over.")
    arrears_principal, arrears_interest = _cut_arrears(past)
    for row, p, i in zip(
        future,
        _split(arrears_principal, len(future)),
        _split(arrears_interest, len(future)),
        strict=True,
    ):
        row.principal_due += p
        row.interest_due += i
    return _renumber(out, principal)


def restructure_rows(
    rows: Sequence[Row],
    on: date,
    principal: Decimal,
    *,
    annual_rate: Decimal,
    tenure: int,
    capitalise_arrears: bool,
    schedule_terms: ScheduleTerms,
) -> list[Row]:
    """A restructure from `on`: the rows due on or before `on` stay (their unpaid principal
    and interest moved into the new principal when `capitalise_arrears`, else kept there as
    a separate due); the rows after are replaced by a schedule the schedule engine builds
    for the principal not yet due (plus capitalised arrears) at `annual_rate` over `tenure`
    installments, the first a month after `on`. Penal and fees are never capitalised."""
    out = [r.copy() for r in rows]
    past = [r for r in out if r.due_date <= on]
    future_principal = sum((r.unpaid("principal") for r in out if r.due_date > on), ZERO)
    new_principal = future_principal
    if capitalise_arrears:
        arrears_principal, arrears_interest = _cut_arrears(past)
        new_principal += arrears_principal + arrears_interest
    terms = replace(
        schedule_terms,
        principal=new_principal,
        annual_rate=annual_rate,
        tenure=tenure,
        disbursement_date=on,
        grace_on_principal=0,
    )
    new = [
        Row(
            number=0,
            due_date=i.due_date,
            principal_due=i.principal,
            interest_due=i.interest,
        )
        for i in build_schedule(terms).installments
    ]
    # Capitalised interest becomes principal: the loan's principal grows by it.
    total = sum((r.principal_due for r in past), ZERO) + new_principal
    return _renumber(past + new, total)


class InstallmentTooSmall(ValueError):
    """No tenure up to the longest allowed repays the principal with installments of the
    amount asked. `smallest` is the installment of the longest tenure: the least that works."""

    def __init__(self, smallest: Decimal):
        super().__init__(f"An installment of at least {smallest} is needed.")
        self.smallest = smallest


def tenure_for_installment(
    schedule_terms: ScheduleTerms,
    *,
    principal: Decimal,
    annual_rate: Decimal,
    installment: Decimal,
    max_tenure: int,
) -> int:
    """The shortest tenure whose regular installment, as the schedule engine builds it for
    `principal` at `annual_rate` on `schedule_terms`' method and rounding, is at most
    `installment`: the borrower never pays more a month than agreed (each installment is
    the one the schedule engine gives, so the last may differ by the rounding). The regular
    installment falls as the tenure grows, so a bisection over 1..`max_tenure` finds it.
    Raises InstallmentTooSmall when even `max_tenure` needs more (an amount at or below a
    month's interest never amortises)."""
    if principal <= 0:
        raise ValueError("There is no principal to repay.")

    def regular(tenure: int) -> Decimal:
        terms = replace(
            schedule_terms,
            principal=principal,
            annual_rate=annual_rate,
            tenure=tenure,
            grace_on_principal=0,
        )
        return build_schedule(terms).installment_amount

    longest = regular(max_tenure)
    if longest > installment:
        raise InstallmentTooSmall(longest)
    low, high = 1, max_tenure  # regular(high) <= installment always holds
    while low < high:
        middle = (low + high) // 2
        if regular(middle) <= installment:
            high = middle
        else:
            low = middle + 1
    return high


def moratorium_rows(
    rows: Sequence[Row],
    *,
    start: date,
    count: int,
    annual_rate: Decimal,
    accrue_interest: bool,
    rounding: str = "half_even",
    anchor_before: date | None = None,
) -> tuple[list[Row], Decimal]:
    """Defer `count` installments from the first row due on or after `start`: it and every
    later row move `count` months later (DPD cannot run on a deferred installment: it is no
    longer due), so the tenure grows by `count`. The holiday's interest, the principal
    outstanding before the first deferred row x the monthly rate x `count` (simple, not
    compounded, RBI's COVID-19 moratorium practice), is either spread evenly over the
    moved rows (`accrue_interest`) or waived. With `anchor_before` (the due date before
    the first moved row, or the disbursement date) the k-th moved row falls `count` + k
    months after it, so month-end loans keep their cadence (31 Jan + 4 = 31 May, never the
    28 May that 28 Feb + 3 would give). Returns (rows, holiday interest)."""
    if count < 1:
        raise ValueError("Defer at least one installment.")
    out = [r.copy() for r in rows]
    # Rows already paid in full (a prepayment's row, dated the day it was paid) stay.
    moved = [r for r in out if r.due_date >= start and r.kind == REGULAR and r.outstanding > 0]
    if not moved:
        raise ValueError("No installment falls due on or after the start of the moratorium.")
    balance = sum((r.unpaid("principal") for r in moved), ZERO)
    rate = annual_rate / Decimal(1200)
    interest = round_money(balance * rate * count, rounding)
    for k, row in enumerate(moved, start=1):
        if anchor_before is None:
            row.due_date = add_months(row.due_date, count)
        else:
            row.due_date = add_months(anchor_before, count + k)
    if accrue_interest and interest > 0:
        for row, share in zip(moved, _split(interest, len(moved)), strict=True):
            row.interest_due += share
    principal = sum((r.principal_due for r in out), ZERO)
    return _renumber(out, principal), (interest if accrue_interest else ZERO)
