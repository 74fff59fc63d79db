"""APR for the Key Fact Statement (RBI KFS circular, 15 Apr 2024).

Cash flows: the net amount disbursed (principal less the processing fee and every other
upfront charge) goes out at t0 and each installment total comes in one period apart, the
installments being treated as equally spaced periods, as in the RBI illustration.
APR = periods per year x periodic IRR (12 x monthly IRR for a monthly schedule), in percent,
quantized to 0.01 with ROUND_HALF_UP.

The IRR is solved in Decimal arithmetic (Newton's method with a bisection fallback) to
1e-12 on the periodic rate, far below the 0.01 % that is shown.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Context, Decimal, DivisionByZero, InvalidOperation, Overflow

from .engine import Schedule
from .errors import ScheduleError
from .rounding import CENT

_IRR_CONTEXT = Context(
    prec=40,
    Emin=-999_999,
    Emax=999_999,
    traps=[InvalidOperation, DivisionByZero, Overflow],
)
_TOLERANCE = Decimal("1e-12")
_LOWEST_RATE = Decimal("-0.999999")  # the periodic rate must stay above -100 %
_HIGHEST_RATE = Decimal(1000)  # 100,000 % per period: beyond any real loan
_MAX_NEWTON_STEPS = 60
_MAX_BISECTION_STEPS = 200


def _npv_and_slope(flows: list[Decimal], rate: Decimal) -> tuple[Decimal, Decimal]:
    """NPV = sum(cf_k * v^k) with v = 1/(1+rate), and d NPV / d rate.

    Horner's scheme in v: p(v) = sum(cf_k v^k); dNPV/drate = p'(v) * dv/drate = -p'(v) v^2.
    """
    ctx = _IRR_CONTEXT
    discount = ctx.divide(1, ctx.add(1, rate))
    value = Decimal(0)
    slope = Decimal(0)
    for flow in reversed(flows):
        slope = ctx.add(ctx.multiply(slope, discount), value)
        value = ctx.add(ctx.multiply(value, discount), flow)
    # After the loop ``slope`` is p'(v): Horner on the derivative is interleaved above.
    return value, ctx.minus(ctx.multiply(slope, ctx.multiply(discount, discount)))


def _sign(value: Decimal) -> int:
    return (value > 0) - (value < 0)


def irr_periodic(cash_flows: Iterable[Decimal | int], guess: Decimal = Decimal("0.01")) -> Decimal:
    """The periodic internal rate of return of equally spaced cash flows, as a fraction.

    ``cash_flows[0]`` is at t0, ``cash_flows[k]`` one period later each. The flows need at
    least one negative and one positive amount. Newton's method starts from ``guess``; if it
    fails to converge (or leaves the rate range), bisection on a bracketing interval takes over.
    The result is accurate to about 1e-12.
    """
    flows: list[Decimal] = []
    for flow in cash_flows:
        if isinstance(flow, (float, bool)):
            raise ScheduleError("Cash flows must be Decimal amounts, never float.")
        value = Decimal(flow)
        if not value.is_finite():
            raise ScheduleError("Cash flows must be finite amounts.")
        flows.append(value)
    if not any(f > 0 for f in flows) or not any(f < 0 for f in flows):
        raise ScheduleError(
            "An IRR needs at least one payment out and one payment in (cash flows of both signs)."
        )
    while flows and flows[-1] == 0:
        flows.pop()  # trailing zero flows (a schedule that was paid off early) change nothing

    ctx = _IRR_CONTEXT
    rate = Decimal(guess)
    for _ in range(_MAX_NEWTON_STEPS):
        try:
            value, slope = _npv_and_slope(flows, rate)
        except (InvalidOperation, DivisionByZero, Overflow):
            break
        if slope == 0:
            break
        step = ctx.divide(value, slope)
        new_rate = ctx.subtract(rate, step)
        if new_rate <= _LOWEST_RATE or new_rate >= _HIGHEST_RATE:
            break
        if abs(step) <= _TOLERANCE:
            return new_rate
        rate = new_rate
    return _bisect(flows)


def _bisect(flows: list[Decimal]) -> Decimal:
    """Find a sign change of the NPV and halve it down to the tolerance."""
    ctx = _IRR_CONTEXT
    grid = [
        _LOWEST_RATE,
        Decimal("-0.9"),
        Decimal("-0.5"),
        Decimal(0),
        Decimal("0.01"),
        Decimal("0.1"),
        Decimal("0.5"),
        Decimal(1),
        Decimal(10),
        Decimal(100),
        _HIGHEST_RATE,
    ]
    values = [_npv_and_slope(flows, point)[0] for point in grid]
    for index in range(len(grid) - 1):
        low, high = grid[index], grid[index + 1]
        low_sign, high_sign = _sign(values[index]), _sign(values[index + 1])
        if low_sign == 0:
            return low
        if low_sign != high_sign:
            break
    else:
        if _sign(values[-1]) == 0:
            return grid[-1]
        raise ScheduleError("No interest rate makes these cash flows balance.")
    half = Decimal("0.5")
    for _ in range(_MAX_BISECTION_STEPS):
        middle = ctx.multiply(ctx.add(low, high), half)
        middle_sign = _sign(_npv_and_slope(flows, middle)[0])
        if middle_sign == 0:
            return middle
        if middle_sign == low_sign:
            low = middle
        else:
            high = middle
        if ctx.subtract(high, low) <= _TOLERANCE:
            break
    return ctx.multiply(ctx.add(low, high), half)


def apr(net_disbursed: Decimal, schedule: Schedule) -> Decimal:
    """Annual percentage rate, in percent with 2 places (ROUND_HALF_UP), for the KFS.

    ``net_disbursed`` is principal - processing fee - other upfront charges (the caller works it
    out). APR = periods per year x the periodic IRR of [-net_disbursed, installment totals...].
    """
    if isinstance(net_disbursed, float) or not isinstance(net_disbursed, Decimal | int):
        raise ScheduleError("The net amount disbursed must be a Decimal, never float.")
    net = Decimal(net_disbursed)
    if not net.is_finite() or net <= 0:
        raise ScheduleError("The net amount disbursed must be more than zero.")
    flows = [-net, *(row.total for row in schedule.installments)]
    periodic = irr_periodic(flows)
    ctx = _IRR_CONTEXT
    annual = ctx.multiply(ctx.multiply(periodic, schedule.terms.periods_per_year), 100)
    return annual.quantize(CENT, rounding=ROUND_HALF_UP, context=ctx)
