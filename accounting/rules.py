"""Income recognition and provisioning rules as pure functions (no database). The month-end
SQL (accounting.close.sql) is generated from the same configuration and held equal to
these by hypothesis tests (accounting/tests/test_rules.py, test_close_sql.py).

docs/accounting.md states every rule with its source (RBI Master Direction - NBFC Scale
Based Regulation, 2023, and its IRACP norms); the numbers are the lender's settings
(LEDGER_BASIS, IRACP_PERIODS, PROVISION_RATES) with RBI's figures as defaults.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal

from django.core.exceptions import ImproperlyConfigured

ZERO = Decimal("0.00")
PAISA = Decimal("0.01")

STANDARD = "standard"
SUBSTANDARD = "substandard"
D1, D2, D3 = "d1", "d2", "d3"
LOSS = "loss"
CLASSES = (STANDARD, SUBSTANDARD, D1, D2, D3, LOSS)
CLASS_LABELS = {
    STANDARD: "Standard",
    SUBSTANDARD: "Sub-standard",
    D1: "Doubtful D1",
    D2: "Doubtful D2",
    D3: "Doubtful D3",
    LOSS: "Loss",
}


# --- Accrual ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Period:
    """One installment's interest period: from the previous due date (or disbursement)
    to its own due date, and the interest it carries."""

    start: date
    due: date
    interest: Decimal


def interest_earned(periods: Iterable[Period], on: date) -> Decimal:
    """Interest earned on a loan by the end of `on`: every installment due on or before
    `on` in full, and of the one running, the share of its interest for the days elapsed
    (days from its start to `on` over the days of the period), rounded down to the paisa:
    never recognise a fraction not yet earned."""
    total = ZERO
    for p in periods:
        if p.due <= on:
            total += p.interest
        elif p.start < on:
            elapsed, length = (on - p.start).days, (p.due - p.start).days
            paise = int(p.interest * 100)
            total += Decimal(paise * elapsed // length) / 100
    return total.quantize(PAISA)


@dataclass(frozen=True)
class Moves:
    """What one accrual run posts for a loan (signed, in rupees): `accrue` > 0 is Dr
    Interest Receivable / Cr Interest Income, < 0 the reverse; `suspend` > 0 is Dr
    Interest Income / Cr Interest Suspense (income reversed on an NPA), < 0 the release
    of suspense back to income (collected, or the loan upgraded)."""

    accrue: Decimal
    suspend: Decimal


def accrual_moves(
    *,
    earned: Decimal,
    accrued: Decimal,
    receivable: Decimal,
    suspense: Decimal,
    npa: bool,
    active: bool = True,
) -> Moves:
    """The entries that bring a loan's books to the rule on the run's date.

    earned: interest_earned to the date; accrued: what accrual entries posted so far
    (net); receivable: Interest Receivable balance (accruals less interest paid; negative
    when interest was paid before it was earned); suspense: Interest Suspense balance.

    - Performing (standard): accrue what was earned and not yet accrued; nothing is held
      in suspense (on an upgrade, what was suspended is released: accrual resumes).
    - NPA: accrual stops; what was accrued and not collected is held in suspense (reversed
      out of income, not deleted); interest collected is income when received: it is
      accrued as far as it was paid and earned, and the suspense follows what is
      still not collected.
    - A loan no longer active (closed, foreclosed, settled) is trued up: its income is
      what was collected, so the receivable and the suspense go to zero.
    """
    if not active:
        return Moves(accrue=-receivable, suspend=-suspense)
    if not npa:
        return Moves(accrue=earned - accrued, suspend=-suspense)
    accrue = max(ZERO, min(earned - accrued, -receivable))
    return Moves(accrue=accrue, suspend=max(receivable + accrue, ZERO) - suspense)


# --- Asset classification ----------------------------------------------------------------


@dataclass(frozen=True)
class Periods:
    substandard: int = 365  # days in NPA as sub-standard (<= 12 months)
    d1: int = 365  # days doubtful in D1 (up to one year)
    d2: int = 730  # days doubtful in D2 (one to three years); D3 after
    loss_after: int = 0  # days in NPA after which an asset is loss; 0: never by age


def periods_from(config: dict) -> Periods:
    try:
        periods = Periods(**{key: int(value) for key, value in config.items()})
    except (TypeError, ValueError) as exc:
        raise ImproperlyConfigured(f"IRACP_PERIODS: {exc}") from None
    if min(periods.substandard, periods.d1, periods.d2) < 1 or periods.loss_after < 0:
        raise ImproperlyConfigured("IRACP_PERIODS: periods are positive numbers of days")
    return periods


def asset_class(*, npa: bool, days_in_npa: int, periods: Periods) -> str:
    """Standard for a performing loan; an NPA is sub-standard for its first
    `substandard` days, then doubtful: D1 for `d1` days, D2 for `d2` days, then D3; loss
    once `loss_after` days (when set) have passed."""
    if not npa:
        return STANDARD
    if periods.loss_after and days_in_npa >= periods.loss_after:
        return LOSS
    doubtful = days_in_npa - periods.substandard
    if doubtful < 0:
        return SUBSTANDARD
    if doubtful < periods.d1:
        return D1
    if doubtful < periods.d1 + periods.d2:
        return D2
    return D3


# --- Provisioning --------------------------------------------------------------------------


@dataclass(frozen=True)
class Rate:
    secured: Decimal  # percent
    unsecured: Decimal


def parse_rates(text: str) -> dict[str, Rate]:
    """ "class:secured/unsecured,..." (percent) for every class."""
    rates: dict[str, Rate] = {}
    for item in (part.strip() for part in text.split(",") if part.strip()):
        name, _, pair = item.partition(":")
        secured, _, unsecured = pair.partition("/")
        try:
            rate = Rate(Decimal(secured), Decimal(unsecured or secured))
        except ArithmeticError:
            raise ImproperlyConfigured(f"PROVISION_RATES: bad rate in {item!r}") from None
        if not all(Decimal(0) <= r <= Decimal(100) for r in (rate.secured, rate.unsecured)):
            raise ImproperlyConfigured(f"PROVISION_RATES: {item!r} is not 0-100 percent")
        if rate.secured != rate.secured.quantize(PAISA) or rate.unsecured != (
            rate.unsecured.quantize(PAISA)
        ):
            raise ImproperlyConfigured(f"PROVISION_RATES: {item!r} has over 2 decimals")
        rates[name.strip()] = rate
    missing = set(CLASSES) - rates.keys()
    if missing:
        raise ImproperlyConfigured(f"PROVISION_RATES: no rate for {sorted(missing)}")
    return rates


@dataclass(frozen=True)
class Provision:
    exposure: Decimal
    secured: Decimal
    unsecured: Decimal
    required: Decimal


def provision_required(*, exposure: Decimal, security: Decimal, rate: Rate) -> Provision:
    """The provision for one loan: the part of the exposure covered by the realisable
    value of its security at the secured rate, the rest at the unsecured rate, each
    rounded up to the paisa (prudence: never under-provide by a rounding)."""
    exposure = max(exposure, ZERO)
    secured = min(exposure, max(security, ZERO))
    unsecured = exposure - secured

    def part(amount: Decimal, percent: Decimal) -> Decimal:
        return (amount * percent / 100).quantize(PAISA, rounding=ROUND_CEILING)

    required = part(secured, rate.secured) + part(unsecured, rate.unsecured)
    return Provision(exposure, secured, unsecured, required)


def floor_paise(amount: Decimal) -> Decimal:
    return amount.quantize(PAISA, rounding=ROUND_FLOOR)
