"""The pure rules, by hand-computed examples and by hypothesis (accounting.rules)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from hypothesis import given
from hypothesis import strategies as st

from accounting.rules import (
    CLASSES,
    D1,
    D2,
    D3,
    LOSS,
    STANDARD,
    SUBSTANDARD,
    Period,
    Periods,
    accrual_moves,
    asset_class,
    interest_earned,
    parse_rates,
    periods_from,
    provision_required,
)

D = Decimal
DEFAULT_RATES = parse_rates(
    "standard:0.40/0.40,substandard:10/10,d1:20/100,d2:30/100,d3:50/100,loss:100/100"
)
money = st.decimals(min_value=0, max_value=10_000_000, places=2)
signed = st.decimals(min_value=-1_000_000, max_value=1_000_000, places=2)


def test_a_running_period_earns_its_share_of_days_rounded_down():
    # ₹1,166.67 for 15 Jan -> 15 Feb (31 days); on 31 Jan 16 days have passed:
    # 116667 paise x 16 / 31 = 60215.22 -> ₹602.15.
    periods = [Period(date(2026, 1, 15), date(2026, 2, 15), D("1166.67"))]
    assert interest_earned(periods, date(2026, 1, 31)) == D("602.15")
    assert interest_earned(periods, date(2026, 1, 15)) == D("0.00")
    assert interest_earned(periods, date(2026, 2, 15)) == D("1166.67")


def test_installments_due_count_in_full():
    periods = [
        Period(date(2026, 1, 15), date(2026, 2, 15), D("1166.67")),
        Period(date(2026, 2, 15), date(2026, 3, 15), D("1075.32")),
    ]
    # 28 Feb: first in full, second 13 of 28 days: 107532 x 13 / 28 = 49925.57 -> 499.25
    assert interest_earned(periods, date(2026, 2, 28)) == D("1166.67") + D("499.25")


@given(
    start=st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 1, 1)),
    lengths=st.lists(st.integers(1, 62), min_size=1, max_size=12),
    interests=st.lists(money, min_size=12, max_size=12),
    a=st.integers(0, 800),
    b=st.integers(0, 800),
)
def test_earned_never_decreases_and_never_exceeds_the_schedule(start, lengths, interests, a, b):
    periods, at = [], start
    for n, length in enumerate(lengths):
        periods.append(Period(at, at + timedelta(days=length), interests[n]))
        at += timedelta(days=length)
    first, second = sorted((start + timedelta(days=a), start + timedelta(days=b)))
    total = sum(p.interest for p in periods)
    assert D(0) <= interest_earned(periods, first) <= interest_earned(periods, second) <= total


def test_a_performing_loan_accrues_what_was_earned_and_not_yet_accrued():
    moves = accrual_moves(
        earned=D("1768.92"), accrued=D("602.14"), receivable=D("-564.53"), suspense=D(0), npa=False
    )
    assert moves.accrue == D("1166.78") and moves.suspend == D(0)


def test_npa_reverses_accrued_interest_not_collected_into_suspense():
    moves = accrual_moves(
        earned=D("5000.00"), accrued=D("1768.92"), receivable=D("1768.92"), suspense=D(0), npa=True
    )
    assert moves.accrue == D(0)  # accrual stops
    assert moves.suspend == D("1768.92")


def test_interest_collected_on_an_npa_is_income_when_received():
    # 1,000 of the suspended 1,768.92 collected: the receivable fell to 768.92.
    moves = accrual_moves(
        earned=D("6000.00"),
        accrued=D("1768.92"),
        receivable=D("768.92"),
        suspense=D("1768.92"),
        npa=True,
    )
    assert moves.accrue == D(0) and moves.suspend == D("-1000.00")  # released to income
    # More collected than was ever accrued: the excess is accrued (earned) as income.
    moves = accrual_moves(
        earned=D("6000.00"),
        accrued=D("1768.92"),
        receivable=D("-500.00"),
        suspense=D("1768.92"),
        npa=True,
    )
    assert moves.accrue == D("500.00") and moves.suspend == D("-1768.92")


def test_upgrade_resumes_accrual_and_releases_the_suspense():
    moves = accrual_moves(
        earned=D("7000.00"), accrued=D("2268.92"), receivable=D("0"), suspense=D("10"), npa=False
    )
    assert moves.accrue == D("4731.08") and moves.suspend == D("-10")


def test_a_closed_loan_is_trued_up_to_what_was_collected():
    moves = accrual_moves(
        earned=D(0), accrued=D("100"), receivable=D("-40"), suspense=D("5"), npa=False, active=False
    )
    assert moves.accrue == D("40") and moves.suspend == D("-5")


@given(earned=money, accrued=money, receivable=signed, suspense=money, npa=st.booleans())
def test_after_the_moves_suspense_is_what_an_npa_has_not_collected(
    earned, accrued, receivable, suspense, npa
):
    moves = accrual_moves(
        earned=earned, accrued=accrued, receivable=receivable, suspense=suspense, npa=npa
    )
    after_r, after_s = receivable + moves.accrue, suspense + moves.suspend
    if npa:
        assert after_s == max(after_r, D(0))
        assert moves.accrue >= 0 and accrued + moves.accrue <= max(earned, accrued)
    else:
        assert after_s == 0 and accrued + moves.accrue == earned


P = Periods()


@pytest.mark.parametrize(
    ("days", "expected"),
    [
        (0, SUBSTANDARD),
        (364, SUBSTANDARD),
        (365, D1),  # doubtful after 12 months sub-standard
        (729, D1),
        (730, D2),  # doubtful for a year
        (1459, D2),
        (1460, D3),  # doubtful for three years
        (5000, D3),
    ],
)
def test_npa_ageing(days, expected):
    assert asset_class(npa=True, days_in_npa=days, periods=P) == expected


def test_a_performing_loan_is_standard_and_loss_only_when_configured():
    assert asset_class(npa=False, days_in_npa=0, periods=P) == STANDARD
    assert asset_class(npa=True, days_in_npa=9000, periods=P) == D3
    loss = Periods(loss_after=2000)
    assert asset_class(npa=True, days_in_npa=2000, periods=loss) == LOSS


def test_the_doubtful_loan_with_security_of_the_issue():
    # ₹1,00,000 exposure, doubtful for 2 years (D2: 1-3 years doubtful), realisable
    # security ₹60,000: 30 % of 60,000 + 100 % of 40,000 = 18,000 + 40,000 = ₹58,000.
    assert asset_class(npa=True, days_in_npa=365 + 730, periods=P) == D2
    provision = provision_required(
        exposure=D("100000.00"), security=D("60000.00"), rate=DEFAULT_RATES[D2]
    )
    assert (provision.secured, provision.unsecured) == (D("60000.00"), D("40000.00"))
    assert provision.required == D("58000.00")


def test_standard_assets_at_forty_basis_points_rounded_up():
    provision = provision_required(
        exposure=D("91234.57"), security=D(0), rate=DEFAULT_RATES[STANDARD]
    )
    assert provision.required == D("364.94")  # 364.93828 up to the paisa


@given(exposure=money, security=money, name=st.sampled_from(CLASSES))
def test_provision_lies_between_the_two_rates(exposure, security, name):
    rate = DEFAULT_RATES[name]
    provision = provision_required(exposure=exposure, security=security, rate=rate)
    assert provision.secured + provision.unsecured == exposure
    low, high = sorted((rate.secured, rate.unsecured))
    assert exposure * low / 100 <= provision.required <= exposure * high / 100 + D("0.02")


def test_bad_configuration_is_refused():
    with pytest.raises(ImproperlyConfigured):
        parse_rates("standard:0.40")
    with pytest.raises(ImproperlyConfigured):
        parse_rates("standard:0.4/0.4,substandard:10/10,d1:20/100,d2:30/100,d3:50/100,loss:100/101")
    with pytest.raises(ImproperlyConfigured):
        periods_from({"substandard": "0"})
