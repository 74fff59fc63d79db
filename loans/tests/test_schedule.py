"""Hand-worked examples for the schedule engine (loans.schedule).

Every expected number is worked out in the comment next to it; none is copied from the
engine's own output without checking the arithmetic.
"""

from datetime import date
from decimal import Decimal

import pytest

from loans.schedule import (
    Installment,
    ScheduleError,
    ScheduleTerms,
    build_schedule,
    due_dates,
    equated_installment,
    round_money,
)

D = Decimal


def terms(**overrides):
    values = {
        "principal": D("100000.00"),
        "annual_rate": D("12.0000"),
        "tenure": 12,
        "disbursement_date": date(2027, 1, 15),
    }
    values.update(overrides)
    return ScheduleTerms(**values)


def rows(schedule):
    return [
        (row.number, row.due_date, row.principal, row.interest, row.total, row.balance)
        for row in schedule.installments
    ]


# --- declining balance, equal installments ------------------------------------------------


def test_declining_emi_100000_at_12_percent_for_12_months():
    schedule = build_schedule(terms())
    # r = 12 / 12 / 100 = 0.01; (1.01)^12 = 1.126825030131969720661201
    # EMI = 100000 * 0.01 * 1.12682503013197 / 0.12682503013197 = 8884.8787...
    # -> 8884.88 (0.01, half_even)
    assert schedule.installment_amount == D("8884.88")
    first, second = schedule.installments[:2]
    # row 1: interest = 100000.00 * 0.01 = 1000.00; principal = 8884.88 - 1000.00 = 7884.88
    #        balance = 100000.00 - 7884.88 = 92115.12
    assert first == Installment(
        1, date(2027, 2, 15), D("7884.88"), D("1000.00"), D("8884.88"), D("92115.12")
    )
    # row 2: interest = 92115.12 * 0.01 = 921.1512 -> 921.15; principal = 8884.88 - 921.15
    #        = 7963.73; balance = 92115.12 - 7963.73 = 84151.39
    assert second == Installment(
        2, date(2027, 3, 15), D("7963.73"), D("921.15"), D("8884.88"), D("84151.39")
    )
    # row 11 leaves 8796.88 owed; row 12 (the last) takes all of it:
    # interest = 8796.88 * 0.01 = 87.9688 -> 87.97; total = 8796.88 + 87.97 = 8884.85
    assert schedule.installments[10].balance == D("8796.88")
    assert schedule.installments[-1] == Installment(
        12, date(2028, 1, 15), D("8796.88"), D("87.97"), D("8884.85"), D("0.00")
    )
    # totals: 11 * 8884.88 + 8884.85 = 97733.68 + 8884.85 = 106618.53
    assert schedule.total_payable == D("106618.53")
    assert schedule.total_principal == D("100000.00")
    assert schedule.total_interest == D("6618.53")  # 106618.53 - 100000.00
    assert len(schedule.installments) == 12


def test_equated_installment_helper():
    # same arithmetic as above; zero rate is P / n = 100000 / 12 = 8333.333... -> 8333.33
    assert equated_installment(D("100000.00"), D("12"), 12) == D("8884.88")
    assert equated_installment(D("100000.00"), D("0"), 12) == D("8333.33")


# --- flat -------------------------------------------------------------------------------------


def test_flat_120000_at_10_percent_for_12_months():
    schedule = build_schedule(
        terms(principal=D("120000"), annual_rate=D("10"), interest_method="flat")
    )
    # total interest = 120000 * 10/100 * 12/12 = 12000.00
    # each month: principal 120000/12 = 10000.00, interest 12000/12 = 1000.00
    assert schedule.total_interest == D("12000.00")
    for row in schedule.installments:
        assert (row.principal, row.interest, row.total) == (
            D("10000.00"),
            D("1000.00"),
            D("11000.00"),
        )
    assert schedule.installments[0].balance == D("110000.00")
    assert schedule.installments[-1].balance == D("0.00")
    assert schedule.total_payable == D("132000.00")
    assert schedule.installment_amount == D("11000.00")


def test_flat_last_installment_absorbs_remainders():
    schedule = build_schedule(
        terms(principal=D("100000"), annual_rate=D("10"), interest_method="flat")
    )
    # total interest = 100000 * 0.10 * 1 = 10000.00; interest share 10000/12 = 833.333 -> 833.33
    # principal share 100000/12 = 8333.333 -> 8333.33
    # last: principal 100000 - 11 * 8333.33 = 8333.37; interest 10000 - 11 * 833.33 = 833.37
    assert schedule.installments[0].total == D("9166.66")
    assert schedule.installments[-1].principal == D("8333.37")
    assert schedule.installments[-1].interest == D("833.37")
    assert schedule.total_interest == D("10000.00")
    assert schedule.total_principal == D("100000.00")


def test_flat_with_multiple_of_one_rupee():
    schedule = build_schedule(
        terms(
            principal=D("100000"),
            annual_rate=D("10"),
            interest_method="flat",
            installment_multiple=D("1.00"),
        )
    )
    # principal share 8333.33 -> 8333.00 (half_even to a rupee); interest 833.33 -> 833.00
    # last: principal 100000 - 11 * 8333 = 8337.00; interest 10000 - 11 * 833 = 837.00
    assert schedule.installments[0].total == D("9166.00")
    assert schedule.installments[-1].principal == D("8337.00")
    assert schedule.installments[-1].interest == D("837.00")
    assert schedule.total_interest == D("10000.00")


def test_flat_rounded_up_shares_stop_when_the_interest_is_used_up():
    schedule = build_schedule(
        terms(
            principal=D("1000"),
            annual_rate=D("1"),
            tenure=7,
            interest_method="flat",
            installment_multiple=D("1.00"),
            rounding="up",
        )
    )
    # total interest = 1000 * 1/100 * 7/12 = 5.8333 -> 5.84 (up, to the paisa)
    # interest share 5.84 / 7 = 0.834 -> 1.00 (up, to the rupee): 5 x 1.00, then the 0.84
    # that is left, then nothing; principal share 1000/7 = 142.86 -> 143.00, last 1000 - 858
    assert [row.interest for row in schedule.installments] == [D("1.00")] * 5 + [
        D("0.84"),
        D("0.00"),
    ]
    assert [row.principal for row in schedule.installments] == [D("143.00")] * 6 + [D("142.00")]
    assert schedule.total_interest == D("5.84")


# --- equal principal --------------------------------------------------------------------------


def test_equal_principal_120000_at_12_percent():
    schedule = build_schedule(terms(principal=D("120000"), amortization="equal_principal"))
    # principal 120000/12 = 10000.00 each; interest = balance * 0.01:
    # 1200, 1100, 1000, ..., 100 -> total interest = 100 * (12 + 11 + ... + 1) = 7800.00
    expected_interest = [D(100 * k) for k in range(12, 0, -1)]
    assert [row.interest for row in schedule.installments] == expected_interest
    assert all(row.principal == D("10000.00") for row in schedule.installments)
    assert schedule.installments[0].total == D("11200.00")
    assert schedule.installments[-1].total == D("10100.00")
    assert schedule.total_interest == D("7800.00")
    assert schedule.total_payable == D("127800.00")


def test_equal_principal_last_takes_remainder():
    schedule = build_schedule(
        terms(principal=D("100000"), amortization="equal_principal", annual_rate=D(0))
    )
    # 100000/12 = 8333.33; last = 100000 - 11 * 8333.33 = 8333.37
    assert schedule.installments[0].principal == D("8333.33")
    assert schedule.installments[-1].principal == D("8333.37")


# --- grace on principal -----------------------------------------------------------------------


def test_grace_two_periods_interest_only_then_emi_over_ten():
    schedule = build_schedule(terms(grace_on_principal=2))
    # rows 1-2: interest only, 100000 * 0.01 = 1000.00, balance stays 100000.00
    for row in schedule.installments[:2]:
        assert (row.principal, row.interest, row.total, row.balance) == (
            D("0.00"),
            D("1000.00"),
            D("1000.00"),
            D("100000.00"),
        )
    # EMI over the remaining 10: (1.01)^10 = 1.1046221254112045
    # 100000 * 0.01 * 1.1046221254 / 0.1046221254 = 10558.2077 -> 10558.21
    assert schedule.installment_amount == D("10558.21")
    third = schedule.installments[2]
    # row 3: interest 1000.00, principal 10558.21 - 1000.00 = 9558.21, balance 90441.79
    assert (third.principal, third.interest, third.balance) == (
        D("9558.21"),
        D("1000.00"),
        D("90441.79"),
    )
    assert schedule.installments[-1].balance == D("0.00")
    assert schedule.total_principal == D("100000.00")


def test_grace_with_equal_principal_and_flat():
    ep = build_schedule(terms(amortization="equal_principal", grace_on_principal=2))
    # principal 100000 / (12 - 2) = 10000.00 from row 3
    assert [row.principal for row in ep.installments[:3]] == [D("0.00"), D("0.00"), D("10000.00")]
    flat = build_schedule(terms(interest_method="flat", annual_rate=D(12), grace_on_principal=2))
    # interest 100000 * 12% * 1 year = 12000 over 12 rows = 1000.00 each (grace rows too);
    # principal 100000 / 10 = 10000.00 from row 3
    assert [row.total for row in flat.installments[:3]] == [
        D("1000.00"),
        D("1000.00"),
        D("11000.00"),
    ]


# --- zero rate --------------------------------------------------------------------------------


def test_zero_rate():
    schedule = build_schedule(terms(annual_rate=D("0")))
    # 100000 / 12 = 8333.333... -> 8333.33; 11 * 8333.33 = 91666.63; last 8333.37
    assert schedule.installment_amount == D("8333.33")
    assert all(row.interest == D("0.00") for row in schedule.installments)
    assert schedule.installments[10].balance == D("8333.37")
    assert schedule.installments[-1].total == D("8333.37")
    assert schedule.total_interest == D("0.00")
    assert schedule.total_payable == D("100000.00")


# --- installment multiple 1.00 ----------------------------------------------------------------


def test_multiple_one_rupee_half_up():
    schedule = build_schedule(
        terms(principal=D("50000"), installment_multiple=D("1.00"), rounding="half_up")
    )
    # EMI = 50000 * 0.01 * 1.12682503 / 0.12682503 = 4442.4394 -> 4442.00 (half_up)
    assert schedule.installment_amount == D("4442.00")
    # row 1: interest 500.00, principal 3942.00, balance 46058.00
    # row 2: interest 460.58, principal 3981.42, balance 42076.58
    assert rows(schedule)[:2] == [
        (1, date(2027, 2, 15), D("3942.00"), D("500.00"), D("4442.00"), D("46058.00")),
        (2, date(2027, 3, 15), D("3981.42"), D("460.58"), D("4442.00"), D("42076.58")),
    ]
    # the last row absorbs the EMI's rounding down: 4403.54 owed + 44.04 interest = 4447.58
    assert schedule.installments[-1].total == D("4447.58")
    assert schedule.total_payable == D("53309.58")  # 11 * 4442 + 4447.58


def test_multiple_one_rupee_up():
    schedule = build_schedule(
        terms(principal=D("50000"), installment_multiple=D("1.00"), rounding="up")
    )
    # EMI 4442.4394 -> 4443.00 (up = ceiling); row 1: 500.00 interest, 3943.00 principal
    assert schedule.installment_amount == D("4443.00")
    assert schedule.installments[0].principal == D("3943.00")
    # row 2 interest: 46057.00 * 0.01 = 460.57 exactly
    assert schedule.installments[1].interest == D("460.57")
    # the last is a little smaller: 4392.01 owed + 43.93 interest (43.9201 rounded up)
    assert schedule.installments[-1].interest == D("43.93")
    assert schedule.installments[-1].total == D("4435.94")
    assert schedule.total_payable == D("53308.94")  # 11 * 4443 + 4435.94


def test_rounding_up_that_would_overpay_stops_at_zero():
    # 100 at 0 % over 60 months, to a whole rupee, rounding up: 100/60 = 1.67 -> 2.00.
    # 50 installments of 2.00 repay everything; rows 51-60 are 0.00 (they shrink to nothing)
    # instead of ever making a negative principal or balance.
    schedule = build_schedule(
        terms(
            principal=D("100"),
            annual_rate=D(0),
            tenure=60,
            installment_multiple=D("1.00"),
            rounding="up",
        )
    )
    assert len(schedule.installments) == 60
    assert all(row.total == D("2.00") for row in schedule.installments[:50])
    assert schedule.installments[49].balance == D("0.00")
    assert all(row.total == D("0.00") for row in schedule.installments[50:])
    assert all(row.balance >= 0 and row.principal >= 0 for row in schedule.installments)
    assert schedule.total_principal == D("100.00")


def test_rounding_up_with_interest_overpaying_shrinks_the_payoff_row():
    # 1000 at 1 % over 60 months: EMI = 17.09... -> 18.00 with "up" to a rupee; the extra
    # ~0.9 a month pays the loan off early. The pay-off row is just balance + interest.
    schedule = build_schedule(
        terms(
            principal=D("1000"),
            annual_rate=D(1),
            tenure=60,
            installment_multiple=D("1.00"),
            rounding="up",
        )
    )
    totals = [row.total for row in schedule.installments]
    assert schedule.installment_amount == D("18.00")
    payoff = next(i for i, row in enumerate(schedule.installments) if row.balance == 0)
    assert payoff < 59
    assert all(total == D("18.00") for total in totals[:payoff])
    assert D(0) < totals[payoff] < D("18.00")
    assert all(total == D("0.00") for total in totals[payoff + 1 :])
    assert schedule.total_principal == D("1000.00")


def test_rounded_down_emi_below_the_interest_never_makes_a_negative_principal():
    # 101.00 at 48 % over 60 months, to a rupee, half_even: r = 0.04,
    # EMI = 101 * 0.04 * 1.04^60 / (1.04^60 - 1) = 4.4644 -> 4.00, but interest is
    # 101 * 0.04 = 4.04. Principal would be -0.04: it is held at 0.00, the row is interest
    # only (4.04) and the balance never grows; the last row repays everything.
    schedule = build_schedule(
        terms(principal=D("101"), annual_rate=D("48"), tenure=60, installment_multiple=D("1.00"))
    )
    for row in schedule.installments[:-1]:
        assert (row.principal, row.interest, row.balance) == (D("0.00"), D("4.04"), D("101.00"))
    assert schedule.installments[-1].total == D("105.04")  # 101.00 + 4.04


# --- daily interest ---------------------------------------------------------------------------


def test_daily_interest_across_february_non_leap_year():
    schedule = build_schedule(terms(tenure=3, interest_period="daily"))
    # EMI with r = 0.01 over 3: (1.01)^3 = 1.030301; 1030.301 / 0.030301 = 34002.2112 -> 34002.21
    # 15 Jan -> 15 Feb 2027 = 31 days: 100000 * 0.12 * 31/365 = 1019.178 -> 1019.18
    #   principal 34002.21 - 1019.18 = 32983.03, balance 67016.97
    # 15 Feb -> 15 Mar 2027 = 28 days: 67016.97 * 0.12 * 28/365 = 616.9233 -> 616.92
    #   principal 33385.29, balance 33631.68
    # 15 Mar -> 15 Apr 2027 = 31 days: 33631.68 * 0.12 * 31/365 = 342.7667 -> 342.77
    #   last: principal 33631.68, total 33974.45
    assert rows(schedule) == [
        (1, date(2027, 2, 15), D("32983.03"), D("1019.18"), D("34002.21"), D("67016.97")),
        (2, date(2027, 3, 15), D("33385.29"), D("616.92"), D("34002.21"), D("33631.68")),
        (3, date(2027, 4, 15), D("33631.68"), D("342.77"), D("33974.45"), D("0.00")),
    ]


def test_daily_interest_across_february_leap_year():
    schedule = build_schedule(
        terms(tenure=3, interest_period="daily", disbursement_date=date(2028, 1, 15))
    )
    # 15 Feb -> 15 Mar 2028 = 29 days: 67016.97 * 0.12 * 29/365 = 638.9583 -> 638.96
    #   principal 34002.21 - 638.96 = 33363.25, balance 33653.72
    # 15 Mar -> 15 Apr = 31 days: 33653.72 * 0.12 * 31/365 = 342.9939 -> 342.99
    assert rows(schedule)[1:] == [
        (2, date(2028, 3, 15), D("33363.25"), D("638.96"), D("34002.21"), D("33653.72")),
        (3, date(2028, 4, 15), D("33653.72"), D("342.99"), D("33996.71"), D("0.00")),
    ]


def test_daily_interest_with_equal_principal():
    schedule = build_schedule(
        terms(
            principal=D("36500"),
            annual_rate=D("10"),
            tenure=2,
            amortization="equal_principal",
            interest_period="daily",
            disbursement_date=date(2027, 1, 31),
        )
    )
    # due 28 Feb 2027 (28 days), 31 Mar 2027 (31 days)
    # row 1: 36500 * 0.10 * 28/365 = 280.00; principal 18250.00
    # row 2: 18250 * 0.10 * 31/365 = 155.00
    assert [(r.interest, r.principal) for r in schedule.installments] == [
        (D("280.00"), D("18250.00")),
        (D("155.00"), D("18250.00")),
    ]


# --- due dates --------------------------------------------------------------------------------


def test_month_end_clamping_leap_year_2028():
    assert due_dates(date(2028, 1, 31), 6, "monthly") == [
        date(2028, 2, 29),
        date(2028, 3, 31),
        date(2028, 4, 30),
        date(2028, 5, 31),
        date(2028, 6, 30),
        date(2028, 7, 31),
    ]


def test_month_end_clamping_non_leap_year_2027():
    # never chained: 31 Jan -> 28 Feb -> 31 Mar (not 28 Mar)
    assert due_dates(date(2027, 1, 31), 3) == [
        date(2027, 2, 28),
        date(2027, 3, 31),
        date(2027, 4, 30),
    ]


def test_month_end_clamping_in_schedule_and_year_rollover():
    schedule = build_schedule(terms(disbursement_date=date(2027, 8, 31), tenure=7))
    assert [row.due_date for row in schedule.installments] == [
        date(2027, 9, 30),
        date(2027, 10, 31),
        date(2027, 11, 30),
        date(2027, 12, 31),
        date(2028, 1, 31),
        date(2028, 2, 29),
        date(2028, 3, 31),
    ]


def test_weekly_and_fortnightly_dates():
    assert due_dates(date(2027, 2, 20), 3, "weekly") == [
        date(2027, 2, 27),
        date(2027, 3, 6),
        date(2027, 3, 13),
    ]
    assert due_dates(date(2027, 12, 25), 3, "fortnightly") == [
        date(2028, 1, 8),
        date(2028, 1, 22),
        date(2028, 2, 5),
    ]


def test_weekly_schedule_uses_rate_over_52():
    schedule = build_schedule(
        terms(principal=D("52000"), annual_rate=D("26"), tenure=4, frequency="weekly")
    )
    # r = 26 / 52 / 100 = 0.005; first interest = 52000 * 0.005 = 260.00
    assert schedule.installments[0].interest == D("260.00")
    assert schedule.installments[0].due_date == date(2027, 1, 22)


def test_fortnightly_schedule_uses_rate_over_26():
    schedule = build_schedule(
        terms(principal=D("26000"), annual_rate=D("13"), tenure=4, frequency="fortnightly")
    )
    # r = 13 / 26 / 100 = 0.005; first interest = 26000 * 0.005 = 130.00
    assert schedule.installments[0].interest == D("130.00")
    assert schedule.installments[3].due_date == date(2027, 3, 12)  # 15 Jan + 56 days


def test_due_dates_reject_bad_input():
    with pytest.raises(ScheduleError, match="frequency"):
        due_dates(date(2027, 1, 1), 3, "daily")
    with pytest.raises(ScheduleError, match="tenure"):
        due_dates(date(2027, 1, 1), 0)
    with pytest.raises(ScheduleError, match="9999"):
        due_dates(date(9999, 6, 1), 12)


# --- rounding ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "mode", "multiple", "expected"),
    [
        ("2.345", "half_even", "0.01", "2.34"),
        ("2.355", "half_even", "0.01", "2.36"),
        ("2.345", "half_up", "0.01", "2.35"),
        ("2.341", "up", "0.01", "2.35"),
        ("2.340", "up", "0.01", "2.34"),
        ("8884.50", "half_even", "1.00", "8884.00"),
        ("8885.50", "half_even", "1.00", "8886.00"),
        ("8884.50", "half_up", "1.00", "8885.00"),
        ("8884.01", "up", "1.00", "8885.00"),
        ("8884", "up", "1.00", "8884.00"),
        ("10.07", "half_up", "0.05", "10.05"),
        ("-2.341", "up", "0.01", "-2.35"),
    ],
)
def test_round_money(value, mode, multiple, expected):
    result = round_money(D(value), mode, D(multiple))
    assert result == D(expected)
    assert result.as_tuple().exponent == -2


def test_round_money_rejects_float_and_bad_mode():
    with pytest.raises(TypeError):
        round_money(1.5, "half_even")  # type: ignore[arg-type]
    with pytest.raises(ScheduleError, match="rounding mode"):
        round_money(D("1.5"), "down")
    with pytest.raises(ScheduleError, match="multiple"):
        round_money(D("1.5"), "half_even", D("0"))


def test_amounts_always_have_two_places():
    schedule = build_schedule(terms(principal=D("100000"), annual_rate=D("0")))
    for row in schedule.installments:
        for amount in (row.principal, row.interest, row.total, row.balance):
            assert amount.as_tuple().exponent == -2
    assert schedule.terms.principal.as_tuple().exponent == -2


# --- validation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"principal": D("0")}, "principal must be more than zero"),
        ({"principal": D("-5")}, "principal must be more than zero"),
        ({"principal": D("100.005")}, "whole paise"),
        ({"principal": 1000.0}, "never use float"),
        ({"principal": D("NaN")}, "finite"),
        ({"annual_rate": D("-0.01")}, "cannot be negative"),
        ({"annual_rate": 12.0}, "never use float"),
        ({"tenure": 0}, "at least 1"),
        ({"tenure": 12.0}, "whole number"),
        ({"grace_on_principal": 12}, "shorter than the tenure"),
        ({"grace_on_principal": 15}, "shorter than the tenure"),
        ({"grace_on_principal": -1}, "cannot be negative"),
        ({"interest_method": "compound"}, "Unknown interest method 'compound'"),
        ({"amortization": "balloon"}, "Unknown amortization"),
        ({"interest_period": "monthly"}, "Unknown interest period"),
        ({"frequency": "daily"}, "Unknown repayment frequency"),
        ({"rounding": "down"}, "Unknown rounding mode"),
        ({"installment_multiple": D("0")}, "more than zero"),
        ({"installment_multiple": D("-1.00")}, "more than zero"),
        ({"installment_multiple": D("0.005")}, "whole number of paise"),
        ({"disbursement_date": "2027-01-15"}, "must be a date"),
    ],
)
def test_bad_terms_raise_schedule_error(overrides, message):
    with pytest.raises(ScheduleError, match=message):
        terms(**overrides)


def test_schedule_error_is_a_value_error():
    with pytest.raises(ValueError, match="tenure"):
        terms(tenure=-3)


def test_terms_are_frozen_and_int_principal_is_accepted():
    t = terms(principal=100000, annual_rate=12)
    assert t.principal == D("100000.00")
    with pytest.raises(AttributeError):
        t.tenure = 3  # type: ignore[misc]
    assert build_schedule(t).installment_amount == D("8884.88")


def test_engine_ignores_the_callers_decimal_context():
    import decimal

    with decimal.localcontext() as ctx:
        ctx.prec = 3
        ctx.rounding = decimal.ROUND_FLOOR
        schedule = build_schedule(terms())
    assert schedule.installment_amount == D("8884.88")
    assert schedule.installments[-1].total == D("8884.85")
