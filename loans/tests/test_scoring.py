"""The eligibility scorecard (loans.scoring): pure, so no database. Worked examples pin the
points and grades; hypothesis holds the properties over any input."""

from dataclasses import replace
from decimal import Decimal

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from loans import scoring
from loans.scoring import ScoringInput, foir_percent, offered_amount, offered_rate, score

GOOD = ScoringInput(
    monthly_income=Decimal("100000.00"),
    existing_emis=Decimal("0.00"),
    new_installment=Decimal("10000.00"),
    max_foir_percent=Decimal("50.00"),
    age_now=35,
    age_at_maturity=36,
    kyc_verified=True,
    has_active_npa=False,
)


def _codes(result) -> list[str]:
    return [r.code for r in result.reasons]


# --- worked examples -----------------------------------------------------------------------


def test_a_clean_first_time_borrower_with_low_foir_is_grade_b():
    result = score(GOOD)
    assert (result.score, result.grade, result.eligible) == (700, "B", True)
    assert _codes(result) == ["FOIR_LOW", "NO_HISTORY", "NO_BUREAU"]
    assert (
        result.reasons[0].text
        == "Repayments would take 10.00% of your income, which is comfortable."
    )


def test_good_history_and_bureau_reach_grade_a_and_the_score_is_capped():
    result = score(replace(GOOD, on_time_ratio=Decimal("1"), bureau_score=800))
    assert result.score == 1000  # 500 + 200 + 150 + 150, capped at 1000
    assert result.grade == "A"


@pytest.mark.parametrize(
    ("installment", "code", "points"),
    [
        (Decimal("30000.00"), "FOIR_LOW", 200),  # exactly 30%
        (Decimal("30001.00"), "FOIR_MODERATE", 120),
        (Decimal("40000.00"), "FOIR_MODERATE", 120),
        (Decimal("45000.00"), "FOIR_HIGH", 40),
        (Decimal("50000.00"), "FOIR_HIGH", 40),  # exactly the limit is allowed
        (Decimal("50001.00"), "FOIR_ABOVE_MAX", -300),
    ],
)
def test_foir_bands(installment, code, points):
    result = score(replace(GOOD, new_installment=installment))
    assert result.reasons[0].code == code and result.reasons[0].points == points
    assert result.reasons[0].hard_stop is (code == "FOIR_ABOVE_MAX")


def test_foir_counts_existing_emis_and_rounds_up():
    assert foir_percent(
        monthly_income=Decimal("30000"), existing_emis=Decimal("5000"), new_installment=Decimal("1")
    ) == Decimal("16.67")
    assert foir_percent(
        monthly_income=Decimal("0"), existing_emis=Decimal("0"), new_installment=Decimal("1")
    ) == Decimal("Infinity")


@pytest.mark.parametrize(
    ("changes", "code", "text"),
    [
        (
            {"new_installment": Decimal("60000.00")},
            "FOIR_ABOVE_MAX",
            "Your loan repayments would take 60.00% of your monthly income; the most we allow is 50.00%.",
        ),
        (
            {"monthly_income": Decimal("0")},
            "FOIR_NO_INCOME",
            "We need a monthly income above zero to assess repayments.",
        ),
        (
            {"age_at_maturity": 66},
            "AGE_AT_MATURITY",
            "The loan would end after your 65th birthday; choose a shorter tenure.",
        ),
        ({"age_now": 20}, "AGE_BELOW_MIN", "Borrowers must be at least 21 years old."),
        (
            {"age_now": None, "age_at_maturity": None},
            "AGE_UNKNOWN",
            "Your date of birth is missing from your profile.",
        ),
        (
            {"kyc_verified": False},
            "KYC_NOT_VERIFIED",
            "Your PAN card and address proof must be verified first.",
        ),
        (
            {"has_active_npa": True},
            "NPA_ON_PLATFORM",
            "You have a loan with us that is more than 90 days overdue.",
        ),
    ],
)
def test_each_hard_stop_forces_grade_e_with_its_reason(changes, code, text):
    # Even a perfect history and bureau score cannot lift a hard stop.
    result = score(replace(GOOD, on_time_ratio=Decimal("1"), bureau_score=850, **changes))
    assert result.grade == "E" and not result.eligible
    [reason] = [r for r in result.reasons if r.code == code]
    assert reason.hard_stop and reason.text == text


def test_age_65_at_maturity_is_still_allowed():
    assert score(replace(GOOD, age_at_maturity=65)).eligible


@pytest.mark.parametrize(
    ("ratio", "code", "points"),
    [
        (Decimal("0.95"), "HISTORY_GOOD", 150),
        (Decimal("0.80"), "HISTORY_FAIR", 60),
        (Decimal("0.7999"), "HISTORY_POOR", -100),
    ],
)
def test_repayment_history(ratio, code, points):
    [reason] = [r for r in score(replace(GOOD, on_time_ratio=ratio)).reasons if r.code == code]
    assert reason.points == points


@pytest.mark.parametrize(
    ("bureau", "code", "points"),
    [
        (750, "BUREAU_STRONG", 150),
        (700, "BUREAU_GOOD", 80),
        (650, "BUREAU_FAIR", 0),
        (649, "BUREAU_WEAK", -150),
    ],
)
def test_bureau_bands(bureau, code, points):
    [reason] = [r for r in score(replace(GOOD, bureau_score=bureau)).reasons if r.code == code]
    assert reason.points == points


@pytest.mark.parametrize(
    ("grade", "rate", "amount"),
    [
        ("A", "10.0000", "100000.00"),
        ("B", "13.5000", "100000.00"),
        ("C", "17.0000", "80000.00"),
        ("D", "20.5000", "60000.00"),
        ("E", "24.0000", "0.00"),
    ],
)
def test_grade_terms_inside_a_10_to_24_percent_product(grade, rate, amount):
    assert offered_rate(grade=grade, min_rate=Decimal("10"), max_rate=Decimal("24")) == Decimal(
        rate
    )
    assert offered_amount(
        grade=grade, requested=Decimal("100000.00"), min_amount=Decimal("10000.00")
    ) == Decimal(amount)


def test_offered_amount_never_falls_below_the_product_minimum():
    assert offered_amount(
        grade="D", requested=Decimal("12000.00"), min_amount=Decimal("10000.00")
    ) == Decimal("10000.00")


def test_offered_rate_never_rounds_past_the_top_of_the_range():
    # D sits at 18.00375%; rounding up to 18.01% would break the product's 18.005% cap.
    assert offered_rate(grade="D", min_rate=Decimal("18"), max_rate=Decimal("18.005")) == (
        Decimal("18.0050")
    )


def test_a_request_whose_share_rounds_to_nothing_still_gets_the_minimum():
    assert offered_amount(grade="C", requested=Decimal("1.00"), min_amount=Decimal("1.00")) == (
        Decimal("1.00")
    )


def test_reason_as_dict_is_the_api_shape():
    reason = score(GOOD).reasons[0]
    assert reason.as_dict() == {
        "code": "FOIR_LOW",
        "text": reason.text,
        "points": 200,
        "hard_stop": False,
    }


# --- properties ----------------------------------------------------------------------------

money = st.decimals(min_value=0, max_value=10_000_000, places=2)
inputs = st.builds(
    ScoringInput,
    monthly_income=money,
    existing_emis=money,
    new_installment=st.decimals(min_value=Decimal("0.01"), max_value=1_000_000, places=2),
    max_foir_percent=st.decimals(min_value=10, max_value=90, places=2),
    age_now=st.one_of(st.none(), st.integers(min_value=18, max_value=80)),
    age_at_maturity=st.one_of(st.none(), st.integers(min_value=18, max_value=90)),
    kyc_verified=st.booleans(),
    has_active_npa=st.booleans(),
    on_time_ratio=st.one_of(st.none(), st.decimals(min_value=0, max_value=1, places=4)),
    bureau_score=st.one_of(st.none(), st.integers(min_value=300, max_value=900)),
)


@given(inputs)
def test_score_is_always_between_0_and_1000_and_every_reason_is_explained(inp):
    result = score(inp)
    assert 0 <= result.score <= 1000
    assert result.grade in {"A", "B", "C", "D", "E"}
    assert all(r.code and r.text for r in result.reasons)
    assert result.reasons[0].code.startswith("FOIR")


@given(inputs)
def test_a_hard_stop_means_grade_e_and_not_eligible(inp):
    result = score(inp)
    if any(r.hard_stop for r in result.reasons):
        assert result.grade == "E" and not result.eligible
    else:
        assert result.eligible
        floor = dict(scoring.GRADES)[result.grade]
        assert result.score >= floor
        better = [f for g, f in scoring.GRADES if f > floor]
        assert all(result.score < f for f in better)


@given(inputs, st.decimals(min_value=0, max_value=1_000_000, places=2))
def test_more_income_never_lowers_the_score_or_the_grade(inp, extra):
    before, after = score(inp), score(replace(inp, monthly_income=inp.monthly_income + extra))
    assert after.score >= before.score
    assert after.grade <= before.grade  # "A" < "B" < … < "E"


@given(inputs, st.decimals(min_value=0, max_value=1_000_000, places=2))
def test_more_existing_emis_never_raise_the_score(inp, extra):
    before, after = score(inp), score(replace(inp, existing_emis=inp.existing_emis + extra))
    assert after.score <= before.score
    assert after.grade >= before.grade


@given(inputs)
def test_verifying_kyc_or_clearing_an_npa_never_lowers_the_score(inp):
    base = score(replace(inp, kyc_verified=False, has_active_npa=True))
    assert score(replace(inp, kyc_verified=True, has_active_npa=True)).score >= base.score
    assert score(replace(inp, kyc_verified=False, has_active_npa=False)).score >= base.score


@given(
    st.decimals(min_value=0, max_value=50, places=4),
    st.decimals(min_value=0, max_value=50, places=4),
)
def test_offered_rate_stays_in_range_and_rises_with_risk(low, spread):
    high = low + spread
    assume(high <= Decimal("99"))
    rates = [offered_rate(grade=g, min_rate=low, max_rate=high) for g in "ABCDE"]
    assert rates == sorted(rates)
    assert all(low <= r <= high for r in rates)
    assert rates[-1] == high
    # Rounded up to 0.01% (unless that would pass the top of the range).
    assert all(r == r.quantize(Decimal("0.01")) or r == high for r in rates)


@given(
    st.sampled_from("ABCD"),
    st.decimals(min_value=1, max_value=10_000_000, places=2),
    st.decimals(min_value=1, max_value=10_000_000, places=2),
)
def test_offered_amount_never_exceeds_the_request_nor_undercuts_the_minimum(
    grade, requested, minimum
):
    assume(requested >= minimum)
    amount = offered_amount(grade=grade, requested=requested, min_amount=minimum)
    assert minimum <= amount <= requested
    assert amount == amount.quantize(Decimal("0.01"))
