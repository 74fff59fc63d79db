"""Money rounding: one explicit mode per loan, applied to a multiple (0.01 or 1.00).

Everything here works on ``Decimal`` and never touches ``float``. The arithmetic runs in a
private context (``MONEY_CONTEXT``) so that the caller's global decimal context (precision,
traps, default rounding) cannot change a result.
"""

from __future__ import annotations

from decimal import (
    ROUND_HALF_EVEN,
    ROUND_HALF_UP,
    ROUND_UP,
    Context,
    Decimal,
    DivisionByZero,
    InvalidOperation,
    Overflow,
)

from .errors import ScheduleError

#: Rounding mode names accepted by the engine, mapped to ``decimal`` constants.
#: ``up`` is ROUND_UP: away from zero, i.e. a ceiling for the positive amounts of a schedule.
ROUNDING_MODES: dict[str, str] = {
    "half_even": ROUND_HALF_EVEN,
    "half_up": ROUND_HALF_UP,
    "up": ROUND_UP,
}

CENT = Decimal("0.01")
ONE = Decimal(1)

#: Working context: 50 significant digits, errors trapped, independent of the caller.
MONEY_CONTEXT = Context(
    prec=50,
    rounding=ROUND_HALF_EVEN,
    Emin=-999_999,
    Emax=999_999,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)


def rounding_constant(mode: str) -> str:
    """Return the ``decimal`` rounding constant for a mode name, or raise ScheduleError."""
    try:
        return ROUNDING_MODES[mode]
    except (KeyError, TypeError):
        allowed = ", ".join(ROUNDING_MODES)
        raise ScheduleError(f"Unknown rounding mode {mode!r}; use one of: {allowed}.") from None


def round_money(value: Decimal | int, mode: str = "half_even", multiple: Decimal = CENT) -> Decimal:
    """Round ``value`` to a multiple of ``multiple`` using ``mode``; the result has 2 places.

    ``half_even`` = ROUND_HALF_EVEN, ``half_up`` = ROUND_HALF_UP, ``up`` = ROUND_UP (away from
    zero, a ceiling for positive amounts).

    >>> round_money(Decimal("8884.875"), "half_even")
    Decimal('8884.88')
    >>> round_money(Decimal("8884.12"), "up", Decimal("1.00"))
    Decimal('8885.00')
    """
    if isinstance(value, float) or isinstance(multiple, float):
        raise TypeError("round_money works on Decimal, never float")
    if not isinstance(multiple, Decimal) or not multiple.is_finite() or multiple <= 0:
        raise ScheduleError("The rounding multiple must be a positive amount such as 0.01 or 1.00.")
    rounding = rounding_constant(mode)
    value = Decimal(value)
    if not value.is_finite():
        raise ScheduleError("Cannot round an infinite or NaN amount.")
    ctx = MONEY_CONTEXT
    if multiple == CENT:
        return value.quantize(CENT, rounding=rounding, context=ctx)
    units = ctx.divide(value, multiple).quantize(ONE, rounding=rounding, context=ctx)
    # The product is exact; quantizing to 0.01 only fixes the exponent (the multiple is
    # expected to be a whole number of paise, which ScheduleTerms enforces).
    return ctx.multiply(units, multiple).quantize(CENT, rounding=rounding, context=ctx)


def interest_for_days(principal: Decimal, annual_rate: Decimal, days: int, mode: str) -> Decimal:
    """Simple interest on `principal` for `days` at `annual_rate` percent a year, actual/365,
    rounded to the paisa with `mode`: the broken-period interest of a foreclosure and the
    interest of a cooling-off exit are this one rule, so the two amounts always agree.

    >>> interest_for_days(Decimal("100000.00"), Decimal("14.0000"), 3, "half_even")
    Decimal('115.07')
    """
    if days <= 0 or principal <= 0 or annual_rate == 0:
        return Decimal("0.00")
    return round_money(MONEY_CONTEXT.divide(principal * annual_rate * days, Decimal(36500)), mode)
