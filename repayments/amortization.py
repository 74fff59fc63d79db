"""Foreclosure and re-amortization arithmetic for the replay engine (repayments.engine):
pure, Decimal only. Rows are anything with `due_date` and `unpaid(part)` (engine.Row)."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_DOWN, Decimal

from loans.schedule import (
    Schedule,
    ScheduleTerms,
    build_schedule,
    due_dates,
    interest_for_days,
)
from loans.schedule.rounding import MONEY_CONTEXT

ZERO = Decimal("0.00")
CENT = Decimal("0.01")
REDUCE_TENURE = "reduce_tenure"
REDUCE_EMI = "reduce_emi"


def cadence_anchor(terms: ScheduleTerms, on: date) -> tuple[date, int]:
    """The last scheduled due date on or before `on` (or the disbursement date) and how
    many scheduled periods have passed. Re-amortized rows keep the original cadence."""
    anchor, passed = terms.disbursement_date, 0
    for index, due in enumerate(due_dates(terms.disbursement_date, terms.tenure, terms.frequency)):
        if due > on:
            break
        anchor, passed = due, index + 1
    return anchor, passed


def broken_period_interest(
    terms: ScheduleTerms, principal: Decimal, start: date, end: date
) -> Decimal:
    """Interest on `principal` from `start` to `end` at annual/365, the loan's rounding."""
    return interest_for_days(principal, terms.annual_rate, (end - start).days, terms.rounding)


@dataclass(frozen=True)
class ForeclosureAmount:
    as_of: date
    principal: Decimal
    interest: Decimal
    penal: Decimal
    fees: Decimal
    future_principal: Decimal  # the part of `principal` not yet due on `as_of`
    accrued_interest: Decimal  # the broken-period part of `interest`

    @property
    def total(self) -> Decimal:
        return self.principal + self.interest + self.penal + self.fees


def foreclosure_amount(rows: Iterable, terms: ScheduleTerms, as_of: date) -> ForeclosureAmount:
    """Everything unpaid on rows due on or before `as_of`, all principal not yet due, and
    interest on that principal from the last due date (or disbursement) to `as_of`."""
    principal = interest = penal = fees = future = ZERO
    for row in rows:
        principal += row.unpaid("principal")
        penal += row.unpaid("penal")
        fees += row.unpaid("fees")
        if row.due_date <= as_of:
            interest += row.unpaid("interest")
        else:
            future += row.unpaid("principal")
    anchor, _ = cadence_anchor(terms, as_of)
    accrued = broken_period_interest(terms, future, anchor, as_of)
    return ForeclosureAmount(
        as_of=as_of,
        principal=principal,
        interest=interest + accrued,
        penal=penal,
        fees=fees,
        future_principal=future,
        accrued_interest=accrued,
    )


def regular_installment(totals: Sequence[Decimal]) -> Decimal:
    """The regular installment of a (part of a) schedule given its rows' totals: the
    largest except the last row's, which absorbs rounding."""
    if len(totals) == 1:
        return totals[0]
    return max(totals[:-1])


def reamortize(
    schedule_terms: ScheduleTerms,
    balance: Decimal,
    on: date,
    current: Sequence[Decimal],
    strategy: str,
) -> tuple[Schedule, list[date]]:
    """A new schedule for `balance` replacing the future rows whose totals are `current`
    (regular rows due after `on`, none paid), built by the schedule engine from the last
    due date on or before `on`; and the due dates it keeps from the ORIGINAL cadence (a
    31st-of-month loan stays on month ends whatever the anchor's clamping did). reduce_emi
    keeps the number of rows; reduce_tenure takes the fewest rows whose installment is not
    above the current one."""
    base = schedule_terms
    anchor, passed = cadence_anchor(base, on)
    remaining = len(current)
    grace = max(0, base.grace_on_principal - passed)

    def build(k: int) -> Schedule:
        return build_schedule(
            replace(
                base,
                principal=balance,
                tenure=k,
                disbursement_date=anchor,
                grace_on_principal=grace if grace < k else 0,
            )
        )

    if strategy == REDUCE_EMI or remaining == 1:
        schedule = build(remaining)
    else:
        emi = regular_installment(current)
        low, high = grace + 1, remaining
        schedule = build(high)
        while low < high:  # the installment falls as the tenure grows
            mid = (low + high) // 2
            candidate = build(mid)
            if regular_installment([i.total for i in candidate.installments]) <= emi:
                high, schedule = mid, candidate
            else:
                low = mid + 1
        if schedule.terms.tenure != high:
            schedule = build(high)
    cadence = due_dates(base.disbursement_date, passed + len(schedule), base.frequency)
    return schedule, cadence[passed:]


def split_prepayment(terms: ScheduleTerms, excess: Decimal, anchor: date, on: date):
    """Split a prepayment into principal X and broken-period interest on X, X + i = excess."""
    days = (on - anchor).days
    if days <= 0 or terms.annual_rate == 0:
        return excess, ZERO
    factor = 1 + MONEY_CONTEXT.divide(terms.annual_rate * days, Decimal(36500))
    principal = MONEY_CONTEXT.divide(excess, factor).quantize(CENT, rounding=ROUND_DOWN)
    return principal, excess - principal
