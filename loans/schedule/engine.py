"""The schedule engine: ``build_schedule(terms) -> Schedule``.

Pure and deterministic: no database, no clock, no float. Every amount is a ``Decimal`` with
exactly 2 places; intermediate arithmetic runs in ``MONEY_CONTEXT`` (50 digits), and every
rounding to money uses the loan's own rounding mode.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext

from .dates import due_dates
from .rounding import CENT, MONEY_CONTEXT, round_money, rounding_constant
from .terms import ScheduleTerms

ZERO = Decimal("0.00")
_DAYS_PER_YEAR = 365  # daily interest uses actual days / 365, also in leap years


@dataclass(frozen=True, slots=True)
class Installment:
    """One row of a schedule. ``balance`` is the principal still owed after this row."""

    number: int
    due_date: date
    principal: Decimal
    interest: Decimal
    total: Decimal
    balance: Decimal


# Fast constructor for the engine's hot loop. A frozen dataclass __init__ goes through
# object.__setattr__ once per field, which was ~40 % of the time of a 24-row schedule; writing
# the slots through their descriptors builds the very same (equal, frozen) object in about
# half the time. Only the engine uses it, with values it has already checked.
_SET_SLOTS = tuple(
    getattr(Installment, name).__set__
    for name in ("number", "due_date", "principal", "interest", "total", "balance")
)


def _new_installment(
    number: int, due_date: date, principal: Decimal, interest: Decimal, balance: Decimal
) -> Installment:
    row = object.__new__(Installment)
    set_number, set_due, set_principal, set_interest, set_total, set_balance = _SET_SLOTS
    set_number(row, number)
    set_due(row, due_date)
    set_principal(row, principal)
    set_interest(row, interest)
    set_total(row, principal + interest)
    set_balance(row, balance)
    return row


@dataclass(frozen=True)
class Schedule:
    """A built schedule: the terms it came from and its installments, in order."""

    terms: ScheduleTerms
    installments: tuple[Installment, ...]

    @property
    def installment_amount(self) -> Decimal:
        """The regular installment: the total of the first installment after the grace."""
        return self.installments[self.terms.grace_on_principal].total

    @property
    def total_interest(self) -> Decimal:
        return _money_sum(row.interest for row in self.installments)

    @property
    def total_principal(self) -> Decimal:
        return _money_sum(row.principal for row in self.installments)

    @property
    def total_payable(self) -> Decimal:
        return _money_sum(row.total for row in self.installments)

    def __len__(self) -> int:
        return len(self.installments)


def _money_sum(values: object) -> Decimal:
    total = ZERO
    add = MONEY_CONTEXT.add
    for value in values:  # type: ignore[attr-defined]
        total = add(total, value)
    return total


def periodic_rate(annual_rate: Decimal, periods_per_year: int) -> Decimal:
    """annual / periods_per_year / 100, as a fraction (12 % monthly -> 0.01)."""
    return MONEY_CONTEXT.divide(annual_rate, Decimal(100 * periods_per_year))


def equated_installment(
    principal: Decimal,
    annual_rate: Decimal,
    periods: int,
    periods_per_year: int = 12,
    mode: str = "half_even",
    multiple: Decimal = CENT,
) -> Decimal:
    """The EMI P*r*(1+r)^n / ((1+r)^n - 1), rounded to ``multiple`` with ``mode``.

    With a zero rate the installment is P / n. (1+r)^n is computed once, at 50 digits.
    """
    with localcontext(MONEY_CONTEXT):
        if annual_rate == 0:
            raw = principal / periods
        else:
            rate = annual_rate / (100 * periods_per_year)
            growth = (1 + rate) ** periods
            raw = principal * rate * growth / (growth - 1)
    return round_money(raw, mode, multiple)


def build_schedule(terms: ScheduleTerms) -> Schedule:
    """Build the repayment schedule for ``terms`` (see docs/schedules.md for the rules)."""
    if not isinstance(terms, ScheduleTerms):
        raise TypeError("build_schedule expects ScheduleTerms")
    dates = due_dates(terms.disbursement_date, terms.tenure, terms.frequency)
    with localcontext(MONEY_CONTEXT):
        if terms.interest_method == "flat":
            rows = _flat_rows(terms, dates)
        else:
            rows = _declining_rows(terms, dates)
    return Schedule(terms, tuple(rows))


def _declining_rows(terms: ScheduleTerms, dates: Sequence[date]) -> list[Installment]:
    """Interest on the outstanding balance; EMI or equal principal after the grace."""
    tenure = terms.tenure
    grace = terms.grace_on_principal
    principal_amount = terms.principal
    annual = terms.annual_rate
    rounding = rounding_constant(terms.rounding)
    ppy = terms.periods_per_year
    last = tenure - 1

    # interest_i = round(balance * factor_i / divisor, 2): the product is exact and there is
    # a single division, so ties are real ties and the rounding mode decides them.
    if terms.interest_period == "daily":
        divisor = Decimal(100 * _DAYS_PER_YEAR)
        factors = []
        previous = terms.disbursement_date
        for due in dates:
            factors.append(annual * (due - previous).days)
            previous = due
    else:
        divisor = Decimal(100 * ppy)
        factors = [annual] * tenure

    equal_installments = terms.amortization == "equal_installments"
    if equal_installments:
        regular = equated_installment(
            principal_amount,
            annual,
            tenure - grace,
            ppy,
            terms.rounding,
            terms.installment_multiple,
        )
    else:
        regular = round_money(principal_amount / (tenure - grace), terms.rounding)

    rows: list[Installment] = []
    append = rows.append
    new_row = _new_installment
    balance = principal_amount
    for index in range(tenure):
        interest = (balance * factors[index] / divisor).quantize(CENT, rounding)
        if index < grace:
            principal = ZERO
        elif index == last:
            principal = balance
        else:
            principal = regular - interest if equal_installments else regular
            # Never negative, never more than what is owed: a rounded-up installment that
            # would overpay stops at zero and the later rows shrink (see docs/schedules.md).
            if principal < 0:
                principal = ZERO
            elif principal > balance:
                principal = balance
        balance = balance - principal
        append(new_row(index + 1, dates[index], principal, interest, balance))
    return rows


def _flat_rows(terms: ScheduleTerms, dates: Sequence[date]) -> list[Installment]:
    """Flat interest: interest on the original principal for the whole tenure, spread evenly.

    Principal is spread evenly over the installments after the grace and interest over all
    installments; each share is rounded to the installment multiple with the loan's mode and
    the last installment absorbs both remainders.
    """
    tenure = terms.tenure
    grace = terms.grace_on_principal
    principal_amount = terms.principal
    mode = terms.rounding
    multiple = terms.installment_multiple
    last = tenure - 1

    total_interest = round_money(
        principal_amount * terms.annual_rate * tenure / (100 * terms.periods_per_year), mode
    )
    interest_share = round_money(total_interest / tenure, mode, multiple)
    principal_share = round_money(principal_amount / (tenure - grace), mode, multiple)

    rows: list[Installment] = []
    balance = principal_amount
    interest_left = total_interest
    for index in range(tenure):
        if index == last:
            principal = balance
            interest = interest_left
        else:
            interest = min(interest_share, interest_left)
            principal = ZERO if index < grace else min(principal_share, balance)
        balance = balance - principal
        interest_left = interest_left - interest
        rows.append(_new_installment(index + 1, dates[index], principal, interest, balance))
    return rows
