"""The inputs of a schedule: ``ScheduleTerms``, validated on construction."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Literal

from .errors import ScheduleError
from .rounding import CENT, MONEY_CONTEXT, ROUNDING_MODES

InterestMethod = Literal["declining", "flat"]
Amortization = Literal["equal_installments", "equal_principal"]
InterestPeriod = Literal["same_as_repayment", "daily"]
Frequency = Literal["monthly", "fortnightly", "weekly"]
RoundingMode = Literal["half_even", "half_up", "up"]

INTEREST_METHODS: tuple[str, ...] = ("declining", "flat")
AMORTIZATIONS: tuple[str, ...] = ("equal_installments", "equal_principal")
INTEREST_PERIODS: tuple[str, ...] = ("same_as_repayment", "daily")
FREQUENCIES: tuple[str, ...] = ("monthly", "fortnightly", "weekly")

#: The terms a product fixes and a loan copies (loans.models.terms.LoanTerms) that shape
#: the schedule; the amount, rate, tenure and date are the loan's or the quote's own.
SCHEDULE_TERM_FIELDS: tuple[str, ...] = (
    "interest_method",
    "amortization",
    "interest_period",
    "frequency",
    "installment_multiple",
    "rounding",
    "grace_on_principal",
)
_AMOUNT_FIELDS = ("principal", "annual_rate", "tenure")

#: Installments per year; the periodic rate is annual / PERIODS_PER_YEAR / 100.
PERIODS_PER_YEAR: dict[str, int] = {"monthly": 12, "fortnightly": 26, "weekly": 52}


def _as_decimal(name: str, value: object) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        kind = type(value).__name__
        raise ScheduleError(f"{name} must be a Decimal (got {kind}); never use float for money.")
    result = Decimal(value)
    if not result.is_finite():
        raise ScheduleError(f"{name} must be a finite number.")
    return result


def _check_choice(name: str, value: object, allowed: tuple[str, ...]) -> None:
    if not isinstance(value, str) or value not in allowed:
        raise ScheduleError(f"Unknown {name} {value!r}; use one of: {', '.join(allowed)}.")


@dataclass(frozen=True, slots=True)
class ScheduleTerms:
    """Everything needed to build a repayment schedule.

    ``annual_rate`` is in percent per year (``Decimal("12.0000")`` is 12 % p.a.);
    ``tenure`` is the number of installments, including the grace installments.
    """

    principal: Decimal
    annual_rate: Decimal
    tenure: int
    disbursement_date: date
    interest_method: InterestMethod = "declining"
    amortization: Amortization = "equal_installments"
    interest_period: InterestPeriod = "same_as_repayment"
    frequency: Frequency = "monthly"
    installment_multiple: Decimal = CENT
    rounding: RoundingMode = "half_even"
    grace_on_principal: int = 0

    def __post_init__(self) -> None:
        principal = _as_decimal("The principal", self.principal)
        if principal <= 0:
            raise ScheduleError("The principal must be more than zero.")
        try:
            # Normalise to exactly 2 places so every amount in the schedule has 2 places.
            in_paise = principal.quantize(CENT, context=MONEY_CONTEXT)
        except InvalidOperation:
            raise ScheduleError("The principal is far too large.") from None
        if in_paise != principal:
            raise ScheduleError("The principal must be in whole paise (at most 2 decimal places).")
        object.__setattr__(self, "principal", in_paise)

        rate = _as_decimal("The annual rate", self.annual_rate)
        if rate < 0:
            raise ScheduleError("The annual interest rate cannot be negative.")
        object.__setattr__(self, "annual_rate", rate)

        if isinstance(self.tenure, bool) or not isinstance(self.tenure, int):
            raise ScheduleError("The tenure must be a whole number of installments.")
        if self.tenure < 1:
            raise ScheduleError("The tenure must be at least 1 installment.")

        grace = self.grace_on_principal
        if isinstance(grace, bool) or not isinstance(grace, int):
            raise ScheduleError("The grace on principal must be a whole number of installments.")
        if grace < 0:
            raise ScheduleError("The grace on principal cannot be negative.")
        if grace >= self.tenure:
            raise ScheduleError(
                "The grace on principal must be shorter than the tenure "
                f"(grace {grace}, tenure {self.tenure}): at least one installment must repay "
                "principal."
            )

        if isinstance(self.disbursement_date, datetime) or not isinstance(
            self.disbursement_date, date
        ):
            raise ScheduleError("The disbursement date must be a date (not a datetime).")

        _check_choice("interest method", self.interest_method, INTEREST_METHODS)
        _check_choice("amortization", self.amortization, AMORTIZATIONS)
        _check_choice("interest period", self.interest_period, INTEREST_PERIODS)
        _check_choice("repayment frequency", self.frequency, FREQUENCIES)
        _check_choice("rounding mode", self.rounding, tuple(ROUNDING_MODES))

        multiple = _as_decimal("The installment multiple", self.installment_multiple)
        if multiple <= 0:
            raise ScheduleError("The installment multiple must be more than zero (0.01 or 1.00).")
        if MONEY_CONTEXT.remainder(multiple, CENT) != 0:
            raise ScheduleError(
                "The installment multiple must be a whole number of paise (such as 0.01 or 1.00)."
            )
        object.__setattr__(
            self, "installment_multiple", multiple.quantize(CENT, context=MONEY_CONTEXT)
        )

    @classmethod
    def from_terms(cls, terms: object, **given) -> ScheduleTerms:
        """The schedule terms of anything that carries them (a LoanProduct or a Loan, both
        LoanTerms): its SCHEDULE_TERM_FIELDS, and its principal, annual rate and tenure if
        it has them (a loan does, a product does not), with `given` on top (the
        disbursement date always; a quote's amount, rate and tenure). The one place where
        stored terms become schedule terms."""
        names = SCHEDULE_TERM_FIELDS + tuple(n for n in _AMOUNT_FIELDS if hasattr(terms, n))
        values = {name: getattr(terms, name) for name in names if name not in given}
        values.update(given)
        if "installment_multiple" in values:  # stored as the text of a choice ("1.00")
            values["installment_multiple"] = Decimal(values["installment_multiple"])
        return cls(**values)

    @property
    def periods_per_year(self) -> int:
        """12 for monthly, 26 for fortnightly, 52 for weekly."""
        return PERIODS_PER_YEAR[self.frequency]
