"""APR / IRR for the Key Fact Statement (RBI KFS circular, 15 Apr 2024)."""

from datetime import date
from decimal import Decimal

import numpy_financial as npf
import pytest

from loans.schedule import ScheduleError, ScheduleTerms, apr, build_schedule, irr_periodic
from loans.schedule.apr import _bisect

D = Decimal


def schedule_for(**overrides):
    values = {
        "principal": D("100000.00"),
        "annual_rate": D("12.0000"),
        "tenure": 12,
        "disbursement_date": date(2027, 1, 15),
    }
    values.update(overrides)
    return build_schedule(ScheduleTerms(**values))


def npf_apr_percent(net, schedule):
    """Independent oracle (test only): numpy-financial's IRR on float cash flows."""
    flows = [-float(net)] + [float(row.total) for row in schedule.installments]
    return npf.irr(flows) * schedule.terms.periods_per_year * 100


@pytest.mark.parametrize("rate", ["0.5", "8.75", "10.5", "12", "18", "24", "36", "48"])
@pytest.mark.parametrize("tenure", [1, 6, 12, 24, 60])
def test_no_charges_apr_equals_nominal_rate(rate, tenure):
    schedule = schedule_for(annual_rate=D(rate), tenure=tenure)
    assert abs(apr(D("100000.00"), schedule) - D(rate)) <= D("0.01")


@pytest.mark.parametrize("frequency", ["weekly", "fortnightly"])
def test_no_charges_apr_equals_nominal_rate_for_other_frequencies(frequency):
    schedule = schedule_for(annual_rate=D("26"), tenure=52, frequency=frequency)
    # APR = 52 x weekly IRR (26 x fortnightly IRR), so it is the nominal rate again
    assert abs(apr(D("100000.00"), schedule) - D("26")) <= D("0.01")


def test_zero_rate_without_fee_is_zero_apr():
    schedule = schedule_for(annual_rate=D("0"))
    assert apr(D("100000.00"), schedule) == D("0.00")
    assert apr(D("99000.00"), schedule) > D("0")


def test_hand_checkable_two_percent_fee():
    # P = 100000 at 12 % for 12 months: 11 x 8884.88 then 8884.85 (see test_schedule.py).
    # 2 % processing fee -> net disbursed 98000.
    # Solve 98000 = sum(8884.88 / (1+i)^k, k=1..11) + 8884.85 / (1+i)^12:
    # numpy_financial.irr gives i = 0.013212080711596 a month; APR = 12 x 1.3212080711596 %
    # = 15.8544968539 % -> 15.85
    schedule = schedule_for()
    periodic = irr_periodic([D("-98000.00")] + [row.total for row in schedule.installments])
    assert abs(periodic - D("0.013212080711596")) < D("1e-13")
    assert apr(D("98000.00"), schedule) == D("15.85")
    assert apr(D("98000"), schedule) > schedule.terms.annual_rate


@pytest.mark.parametrize("fee", ["500", "1000", "2000", "3540"])
@pytest.mark.parametrize("rate", ["0.5", "12", "24"])
def test_processing_fee_makes_apr_exceed_rate(fee, rate):
    schedule = schedule_for(annual_rate=D(rate), tenure=24)
    value = apr(D("100000.00") - D(fee), schedule)
    assert value > D(rate)
    assert abs(float(value) - npf_apr_percent(D("100000.00") - D(fee), schedule)) < 0.01


@pytest.mark.parametrize(
    "overrides",
    [
        {},
        {"interest_method": "flat", "annual_rate": D("10")},
        {"amortization": "equal_principal", "tenure": 36},
        {"interest_period": "daily", "disbursement_date": date(2028, 1, 31)},
        {"grace_on_principal": 3, "tenure": 24},
        {"frequency": "weekly", "tenure": 52, "annual_rate": D("26")},
        {"frequency": "fortnightly", "tenure": 26, "annual_rate": D("19.99")},
        {"installment_multiple": D("1.00"), "rounding": "up", "annual_rate": D("29.5")},
        {"tenure": 60, "annual_rate": D("48"), "principal": D("5000000.00")},
    ],
)
@pytest.mark.parametrize("net", ["100000.00", "97640.00", "90000.00", "101000.00"])
def test_apr_matches_numpy_financial_irr(overrides, net):
    schedule = schedule_for(**overrides)
    net_amount = D(net) * schedule.terms.principal / D("100000.00")
    value = apr(net_amount, schedule)
    assert abs(float(value) - npf_apr_percent(net_amount, schedule)) < 0.01


def test_flat_rate_apr_is_far_above_the_flat_rate():
    # A 10 % flat loan for a year costs about 18 % a year on the declining balance.
    value = apr(
        D("120000.00"),
        schedule_for(principal=D("120000"), annual_rate=D("10"), interest_method="flat"),
    )
    assert D("17.9") < value < D("18.1")


def test_apr_with_trailing_zero_installments():
    schedule = schedule_for(
        principal=D("100"),
        annual_rate=D("0"),
        tenure=60,
        installment_multiple=D("1.00"),
        rounding="up",
    )
    assert apr(D("100.00"), schedule) == D("0.00")


def test_irr_simple_cases():
    assert abs(irr_periodic([D(-100), D(110)]) - D("0.1")) < D("1e-12")
    assert abs(irr_periodic([-100, 0, 121]) - D("0.1")) < D("1e-12")
    assert abs(irr_periodic([D(-100), D(90)]) - D("-0.1")) < D("1e-12")
    assert abs(irr_periodic([D(100), D(-110)]) - D("0.1")) < D("1e-12")


def test_irr_recovers_from_a_bad_guess():
    flows = [D(-100), D(60), D(60)]
    # 100 = 60v + 60v^2 -> v = (-60 + sqrt(3600 + 24000)) / 120 = 0.8844...; i = 0.13066
    expected = D("0.130662386291807")
    for guess in (D("-0.99"), D("0"), D("500"), D("999")):
        assert abs(irr_periodic(flows, guess=guess) - expected) < D("1e-12")


def test_bisection_fallback_directly():
    flows = [D(-1000), *[D(100)] * 12]
    expected = D(str(npf.irr([float(f) for f in flows])))
    assert abs(_bisect(flows) - expected) < D("1e-11")


def test_irr_rejects_bad_flows():
    with pytest.raises(ScheduleError, match="both signs"):
        irr_periodic([D(100), D(100)])
    with pytest.raises(ScheduleError, match="both signs"):
        irr_periodic([])
    with pytest.raises(ScheduleError, match="never float"):
        irr_periodic([-100.0, 110.0])


def test_apr_rejects_bad_net_disbursed():
    schedule = schedule_for()
    with pytest.raises(ScheduleError, match="more than zero"):
        apr(D("0"), schedule)
    with pytest.raises(ScheduleError, match="never float"):
        apr(98000.0, schedule)  # type: ignore[arg-type]
