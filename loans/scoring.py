"""Eligibility scorecard: pure, explainable, no database.

Every point added or taken away comes with a reason code and a sentence a borrower can
read. Hard stops (a rule the lender may not lend past) force grade E whatever the points.
The grade then places the offered rate inside the product's range and caps the amount.
"""

from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

BASE_POINTS = 500
GRADES = (("A", 800), ("B", 700), ("C", 600), ("D", 500), ("E", 0))
# Where in [min_rate, max_rate] each grade's rate sits, and the share of the requested
# amount it may be offered.
RATE_POSITION = {
    "A": Decimal("0"),
    "B": Decimal("0.25"),
    "C": Decimal("0.5"),
    "D": Decimal("0.75"),
    "E": Decimal("1"),
}
AMOUNT_SHARE = {
    "A": Decimal("1"),
    "B": Decimal("1"),
    "C": Decimal("0.8"),
    "D": Decimal("0.6"),
    "E": Decimal("0"),
}
MIN_AGE, MAX_AGE_AT_MATURITY = 21, 65
# Hard stops no credit manager may lend past: lending without KYC breaks RBI's KYC
# Direction, a minor cannot contract, and without a date of birth neither can be known.
NOT_OVERRIDABLE = frozenset({"KYC_NOT_VERIFIED", "AGE_BELOW_MIN", "AGE_UNKNOWN"})


@dataclass(frozen=True)
class Reason:
    code: str
    text: str
    points: int = 0
    hard_stop: bool = False

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "text": self.text,
            "points": self.points,
            "hard_stop": self.hard_stop,
        }


@dataclass(frozen=True)
class ScoringInput:
    monthly_income: Decimal
    existing_emis: Decimal
    new_installment: Decimal
    max_foir_percent: Decimal
    age_now: int | None
    age_at_maturity: int | None
    kyc_verified: bool
    has_active_npa: bool
    on_time_ratio: Decimal | None = None  # share of past installments paid on time
    bureau_score: int | None = None


@dataclass(frozen=True)
class ScoreResult:
    score: int
    grade: str
    reasons: list[Reason] = field(default_factory=list)

    @property
    def eligible(self) -> bool:
        return not any(r.hard_stop for r in self.reasons)

    @property
    def hard_stops(self) -> list[Reason]:
        return [r for r in self.reasons if r.hard_stop]

    @property
    def foir_reason(self) -> Reason | None:
        return next((r for r in self.reasons if r.code.startswith("FOIR")), None)


def foir_percent(
    *, monthly_income: Decimal, existing_emis: Decimal, new_installment: Decimal
) -> Decimal:
    """Fixed obligations to income ratio, in percent, 2 places (rounded up: conservative)."""
    if monthly_income <= 0:
        return Decimal("Infinity")
    ratio = (existing_emis + new_installment) * 100 / monthly_income
    return ratio.quantize(Decimal("0.01"), rounding="ROUND_CEILING")


def _foir(inp: ScoringInput) -> Reason:
    if inp.monthly_income <= 0:
        return Reason(
            "FOIR_NO_INCOME",
            "We need a monthly income above zero to assess repayments.",
            -300,
            True,
        )
    foir = foir_percent(
        monthly_income=inp.monthly_income,
        existing_emis=inp.existing_emis,
        new_installment=inp.new_installment,
    )
    limit = inp.max_foir_percent
    if foir > limit:
        return Reason(
            "FOIR_ABOVE_MAX",
            f"Your loan repayments would take {foir}% of your monthly income; the most we allow is {limit}%.",
            -300,
            True,
        )
    if foir <= 30:
        return Reason(
            "FOIR_LOW", f"Repayments would take {foir}% of your income, which is comfortable.", 200
        )
    if foir <= 40:
        return Reason("FOIR_MODERATE", f"Repayments would take {foir}% of your income.", 120)
    return Reason(
        "FOIR_HIGH",
        f"Repayments would take {foir}% of your income, close to our limit of {limit}%.",
        40,
    )


def _age(inp: ScoringInput) -> Reason | None:
    if inp.age_now is None or inp.age_at_maturity is None:
        return Reason("AGE_UNKNOWN", "Your date of birth is missing from your profile.", -100, True)
    if inp.age_now < MIN_AGE:
        return Reason(
            "AGE_BELOW_MIN", f"Borrowers must be at least {MIN_AGE} years old.", -300, True
        )
    if inp.age_at_maturity > MAX_AGE_AT_MATURITY:
        return Reason(
            "AGE_AT_MATURITY",
            f"The loan would end after your {MAX_AGE_AT_MATURITY}th birthday; choose a shorter tenure.",
            -300,
            True,
        )
    return None


def _history(inp: ScoringInput) -> Reason:
    ratio = inp.on_time_ratio
    if ratio is None:
        return Reason(
            "NO_HISTORY",
            "You have no earlier loans with us, so repayment history adds nothing yet.",
        )
    pct = (ratio * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP)
    if ratio >= Decimal("0.95"):
        return Reason("HISTORY_GOOD", f"You paid {pct}% of earlier installments on time.", 150)
    if ratio >= Decimal("0.80"):
        return Reason("HISTORY_FAIR", f"You paid {pct}% of earlier installments on time.", 60)
    return Reason("HISTORY_POOR", f"Only {pct}% of earlier installments were paid on time.", -100)


def _bureau(inp: ScoringInput) -> Reason:
    score = inp.bureau_score
    if score is None:
        return Reason("NO_BUREAU", "No credit bureau score was available.")
    if score >= 750:
        return Reason("BUREAU_STRONG", f"Your credit bureau score of {score} is strong.", 150)
    if score >= 700:
        return Reason("BUREAU_GOOD", f"Your credit bureau score of {score} is good.", 80)
    if score >= 650:
        return Reason("BUREAU_FAIR", f"Your credit bureau score of {score} is fair.", 0)
    return Reason("BUREAU_WEAK", f"Your credit bureau score of {score} is below 650.", -150)


def score(inp: ScoringInput) -> ScoreResult:
    reasons: list[Reason] = [_foir(inp)]
    age = _age(inp)
    if age:
        reasons.append(age)
    if not inp.kyc_verified:
        reasons.append(
            Reason(
                "KYC_NOT_VERIFIED",
                "Your PAN card and address proof must be verified first.",
                -200,
                True,
            )
        )
    if inp.has_active_npa:
        reasons.append(
            Reason(
                "NPA_ON_PLATFORM",
                "You have a loan with us that is more than 90 days overdue.",
                -300,
                True,
            )
        )
    reasons.append(_history(inp))
    reasons.append(_bureau(inp))
    points = max(0, min(1000, BASE_POINTS + sum(r.points for r in reasons)))
    grade = (
        "E"
        if any(r.hard_stop for r in reasons)
        else next(g for g, floor in GRADES if points >= floor)
    )
    return ScoreResult(score=points, grade=grade, reasons=reasons)


def offered_rate(*, grade: str, min_rate: Decimal, max_rate: Decimal) -> Decimal:
    """The grade's place in the product's rate range, to 0.01% (rounded up: never below
    the range's arithmetic), but never above the range's top (a top like 18.0050% would
    otherwise round past it and the offer would break the product's own limit)."""
    rate = min_rate + (max_rate - min_rate) * RATE_POSITION[grade]
    rounded = rate.quantize(Decimal("0.01"), rounding="ROUND_CEILING")
    return min(rounded, max_rate).quantize(Decimal("0.0001"))


def offered_amount(*, grade: str, requested: Decimal, min_amount: Decimal) -> Decimal:
    """The grade's share of the requested amount, in whole rupees, never below the
    product's minimum (0 when the grade gets no offer)."""
    share = AMOUNT_SHARE[grade]
    if share <= 0:
        return Decimal("0.00")
    # A small request whose share rounds down to ₹0 still gets the product's minimum.
    amount = (requested * share).quantize(Decimal("1"), rounding=ROUND_DOWN)
    return max(amount, min_amount).quantize(Decimal("0.01"))
