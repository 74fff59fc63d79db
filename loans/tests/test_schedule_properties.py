"""Property tests (hypothesis) and the numpy-financial cross-check for the schedule engine."""

from datetime import date, timedelta
from decimal import Decimal

import numpy_financial as npf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from loans.schedule import ScheduleTerms, apr, build_schedule

D = Decimal
TOLERANCE = D("0.05")


# --- numpy-financial cross-check (oracle only) ------------------------------------------------


@pytest.mark.parametrize("principal", ["1000.00", "100000.00", "2345678.91", "10000000.00"])
@pytest.mark.parametrize("rate", ["0.5", "7.25", "12", "24", "36"])
def test_declining_rows_match_numpy_financial(principal, rate):
    """Every tenure 1..60: each row but the last within Rs 0.05 of ipmt/ppmt; sum(P) exact."""
    for tenure in range(1, 61):
        schedule = build_schedule(ScheduleTerms(D(principal), D(rate), tenure, date(2027, 1, 31)))
        monthly = float(rate) / 1200
        periods = list(range(1, tenure + 1))
        interest = -npf.ipmt(monthly, periods, tenure, float(principal))
        principal_part = -npf.ppmt(monthly, periods, tenure, float(principal))
        for row in schedule.installments[:-1]:
            k = row.number - 1
            assert abs(row.interest - D(repr(float(interest[k])))) <= TOLERANCE, (tenure, row)
            assert abs(row.principal - D(repr(float(principal_part[k])))) <= TOLERANCE, (
                tenure,
                row,
            )
        assert schedule.total_principal == D(principal)
        assert schedule.installments[-1].balance == 0


# --- hypothesis properties --------------------------------------------------------------------


@st.composite
def schedule_terms(draw):
    tenure = draw(st.integers(1, 60))
    return ScheduleTerms(
        principal=D(draw(st.integers(100_000, 1_000_000_000))).scaleb(-2),
        annual_rate=D(draw(st.integers(0, 480_000))).scaleb(-4),
        tenure=tenure,
        disbursement_date=date(2000, 1, 1) + timedelta(days=draw(st.integers(0, 36_500))),
        interest_method=draw(st.sampled_from(["declining", "flat"])),
        amortization=draw(st.sampled_from(["equal_installments", "equal_principal"])),
        interest_period=draw(st.sampled_from(["same_as_repayment", "daily"])),
        frequency=draw(st.sampled_from(["monthly", "fortnightly", "weekly"])),
        installment_multiple=draw(st.sampled_from([D("0.01"), D("1.00")])),
        rounding=draw(st.sampled_from(["half_even", "half_up", "up"])),
        grace_on_principal=draw(st.integers(0, tenure - 1)),
    )


@settings(max_examples=600, deadline=None)
@given(schedule_terms())
def test_schedule_invariants(terms):
    schedule = build_schedule(terms)
    rows = schedule.installments
    assert len(rows) == terms.tenure
    assert [row.number for row in rows] == list(range(1, terms.tenure + 1))
    assert sum(row.principal for row in rows) == terms.principal
    assert schedule.total_principal == terms.principal
    assert rows[-1].balance == 0

    previous_balance = terms.principal
    previous_date = terms.disbursement_date
    for row in rows:
        assert row.principal >= 0
        assert row.interest >= 0
        assert row.balance >= 0
        assert row.balance <= previous_balance
        assert row.balance == previous_balance - row.principal
        assert row.total == row.principal + row.interest
        assert row.due_date > previous_date
        for amount in (row.principal, row.interest, row.total, row.balance):
            assert amount.as_tuple().exponent == -2
        previous_balance = row.balance
        previous_date = row.due_date

    totals = sum(row.total for row in rows)
    assert schedule.total_payable == totals
    assert schedule.total_payable == terms.principal + schedule.total_interest
    assert schedule.total_interest == sum(row.interest for row in rows)


@settings(max_examples=300, deadline=None)
@given(schedule_terms())
def test_grace_rows_are_interest_only(terms):
    rows = build_schedule(terms).installments
    for row in rows[: terms.grace_on_principal]:
        assert row.principal == 0
        assert row.balance == terms.principal


@settings(max_examples=300, deadline=None)
@given(schedule_terms())
def test_regular_installments_are_equal(terms):
    """EMI rows (not the last) all pay the EMI; flat / equal-principal rows equal shares.

    Shares rounded up to a rupee can repay everything early; from the pay-off row on the
    shares shrink (never grow), and rows before it are all equal.
    """
    schedule = build_schedule(terms)
    regular = schedule.installments[terms.grace_on_principal : -1]
    if terms.interest_method == "flat" or terms.amortization == "equal_principal":
        principals = [row.principal for row in regular]
        assert principals == sorted(principals, reverse=True)
        assert len({row.principal for row in regular if row.balance > 0}) <= 1
        if terms.interest_method == "flat":
            # interest shares are equal until a tiny total interest is used up by rounded
            # shares, then they shrink
            interest = [row.interest for row in schedule.installments[:-1]]
            assert interest == sorted(interest, reverse=True)
        return
    if terms.installment_multiple != D("0.01"):
        return  # a rupee multiple rounded up can pay off early (rows then shrink): tested apart
    assert all(row.total == schedule.installment_amount for row in regular)


@settings(max_examples=300, deadline=None)
@given(schedule_terms())
def test_flat_interest_total_is_exact(terms):
    if terms.interest_method != "flat":
        return
    schedule = build_schedule(terms)
    expected = terms.principal * terms.annual_rate * terms.tenure / (100 * terms.periods_per_year)
    assert abs(schedule.total_interest - expected) <= D("0.01")


@settings(max_examples=100, deadline=None)
@given(schedule_terms(), st.integers(0, 500))
def test_apr_is_at_least_nominal_when_fees_are_charged(terms, fee_basis_points):
    if terms.interest_method != "declining" or terms.interest_period != "same_as_repayment":
        return
    if terms.installment_multiple != D("0.01") or terms.annual_rate < 1:
        return
    schedule = build_schedule(terms)
    net = terms.principal - (terms.principal * fee_basis_points / 10_000).quantize(D("0.01"))
    # rounding of a small EMI can move the APR by a few hundredths of a percent
    assert apr(net, schedule) >= terms.annual_rate - D("0.05")
