"""A restructure by installment amount (repayments.engine.reschedule.tenure_for_installment):
worked examples computed by hand and hypothesis properties (docs/servicing.md,
"Restructuring")."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from loans.schedule import ScheduleTerms, build_schedule, equated_installment
from repayments.engine.reschedule import InstallmentTooSmall, tenure_for_installment

D = Decimal
TERMS = ScheduleTerms(
    principal=D("120000.00"), annual_rate=D("12"), tenure=24, disbursement_date=date(2026, 1, 15)
)


def _tenure(principal, rate, installment, max_tenure=120, **terms):
    return tenure_for_installment(
        replace(TERMS, **terms),
        principal=D(principal),
        annual_rate=D(rate),
        installment=D(installment),
        max_tenure=max_tenure,
    )


def test_the_emi_of_24_months_gives_24_and_a_paisa_less_gives_25():
    # ₹1,20,000 at 12 %: EMI over 24 months ₹5,648.82 (docs/servicing.md's worked example).
    assert equated_installment(D("120000.00"), D("12"), 24) == D("5648.82")
    assert _tenure("120000.00", "12", "5648.82") == 24
    assert _tenure("120000.00", "12", "5648.81") == 25
    assert _tenure("120000.00", "12", "200000") == 1


def test_zero_rate_divides_the_principal():
    assert _tenure("1000.00", "0", "250.00") == 4
    assert _tenure("1000.00", "0", "249.99") == 5  # 5 x 200


def test_an_amount_at_or_below_a_months_interest_never_amortises():
    # 1 % a month of ₹1,20,000 is ₹1,200: paying that repays nothing.
    with pytest.raises(InstallmentTooSmall) as caught:
        _tenure("120000.00", "12", "1200.00")
    # The least that works is the EMI over the longest tenure (120 months).
    assert caught.value.smallest == equated_installment(D("120000.00"), D("12"), 120)
    assert _tenure("120000.00", "12", caught.value.smallest) == 120
    with pytest.raises(InstallmentTooSmall):
        _tenure("120000.00", "12", caught.value.smallest - D("0.01"))


def test_flat_interest_is_derived_the_same_way():
    # Flat 12 % on ₹12,000 over n months: 12,000 / n + 120 a month. ₹1,120 needs 12.
    assert _tenure("12000.00", "12", "1120.00", interest_method="flat") == 12
    assert _tenure("12000.00", "12", "1119.99", interest_method="flat") == 13


@given(
    principal=st.decimals(min_value=D("1000"), max_value=D("5000000"), places=2),
    rate=st.decimals(min_value=D("0"), max_value=D("36"), places=2),
    installment=st.decimals(min_value=D("100"), max_value=D("6000000"), places=2),
    max_tenure=st.integers(min_value=1, max_value=120),
)
def test_the_tenure_is_the_shortest_whose_installment_fits(
    principal, rate, installment, max_tenure
):
    def regular(n):
        terms = ScheduleTerms(
            principal=principal, annual_rate=rate, tenure=n, disbursement_date=date(2026, 3, 31)
        )
        return build_schedule(terms)

    try:
        n = _tenure(principal, rate, installment, max_tenure)
    except InstallmentTooSmall as exc:
        assert regular(max_tenure).installment_amount == exc.smallest > installment
        return
    assert 1 <= n <= max_tenure
    schedule = regular(n)
    assert schedule.installment_amount <= installment
    assert schedule.total_principal == principal  # it amortises the whole principal
    if n > 1:
        assert regular(n - 1).installment_amount > installment  # and no shorter one fits
