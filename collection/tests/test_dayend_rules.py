"""The day-end's pure rules (collection.dayend.buckets), with hypothesis, and the SQL the
job generates from them (collection.dayend.sql) checked against the same rules."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from hypothesis import given, settings
from hypothesis import strategies as st

from collection.dayend.buckets import (
    DEFAULT_BUCKETS,
    bucket_for,
    bucket_table,
    counts_as_overdue,
    days_past_due,
    parse_buckets,
    penal_amount,
    penal_due_today,
)
from collection.dayend.sql import bucket_case_sql, rounded_paise_sql
from loans.schedule import round_money

TABLE = parse_buckets(DEFAULT_BUCKETS)
dates = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
dpds = st.integers(min_value=0, max_value=2000)
names = st.sampled_from([None, "current", "SMA-0", "SMA-1", "SMA-2", "NPA"])
thresholds = st.integers(min_value=30, max_value=365)
money = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999999.99"), places=2)
percents = st.decimals(min_value=Decimal("0"), max_value=Decimal("100"), places=4)
modes = st.sampled_from(["half_even", "half_up", "up"])


# --- DPD -------------------------------------------------------------------------------


def test_the_worked_example_of_design_section_7():
    due = date(2025, 3, 31)
    assert days_past_due(date(2025, 3, 30), due) == 0
    assert days_past_due(date(2025, 3, 31), due) == 1
    assert days_past_due(date(2025, 4, 29), due) == 30
    assert days_past_due(date(2025, 4, 30), due) == 31
    assert days_past_due(date(2025, 6, 29), due) == 91
    assert bucket_for(30, table=TABLE) == "SMA-0"
    assert bucket_for(31, table=TABLE) == "SMA-1"
    assert bucket_for(90, table=TABLE) == "SMA-2"
    assert bucket_for(91, table=TABLE) == "NPA"


@given(business_date=dates, lag=st.integers(min_value=0, max_value=3000))
def test_dpd_is_days_since_the_oldest_overdue_due_date_plus_one(business_date, lag):
    due = business_date - timedelta(days=lag)
    assert days_past_due(business_date, due) == lag + 1
    assert days_past_due(business_date, None) == 0
    assert days_past_due(due, business_date + timedelta(days=1)) == 0  # not yet due


@given(business_date=dates, lag=st.integers(-40, 40), owed=money, floor=money)
def test_an_installment_counts_only_when_due_and_above_the_floor(business_date, lag, owed, floor):
    due = business_date - timedelta(days=lag)
    overdue = counts_as_overdue(
        due_date=due, outstanding=owed, business_date=business_date, materiality_floor=floor
    )
    assert overdue == (lag >= 0 and owed > floor)


def test_a_remainder_at_the_floor_counts_as_paid():
    kwargs = {"due_date": date(2025, 3, 31), "business_date": date(2025, 4, 10)}
    floor = Decimal("10.00")
    assert not counts_as_overdue(outstanding=Decimal("10.00"), materiality_floor=floor, **kwargs)
    assert counts_as_overdue(outstanding=Decimal("10.01"), materiality_floor=floor, **kwargs)
    assert counts_as_overdue(outstanding=Decimal("0.01"), materiality_floor=Decimal(0), **kwargs)


# --- buckets ---------------------------------------------------------------------------


@given(dpd=dpds)
def test_default_buckets_follow_the_ranges(dpd):
    expected = (
        "current"
        if dpd == 0
        else "SMA-0"
        if dpd <= 30
        else "SMA-1"
        if dpd <= 60
        else "SMA-2"
        if dpd <= 90
        else "NPA"
    )
    assert bucket_for(dpd, table=TABLE) == expected


@given(dpd=dpds, previous=names)
def test_npa_is_left_only_when_every_arrear_is_paid(dpd, previous):
    bucket = bucket_for(dpd, table=TABLE, previous=previous)
    if previous == "NPA":
        assert bucket == ("current" if dpd == 0 else "NPA")
    else:
        assert bucket == bucket_for(dpd, table=TABLE)


@given(dpd=dpds, threshold=thresholds)
def test_a_product_threshold_other_than_90_moves_the_npa_boundary(dpd, threshold):
    bucket = bucket_for(dpd, table=TABLE, npa_threshold_days=threshold)
    if threshold == 90:
        assert bucket == bucket_for(dpd, table=TABLE)
    else:
        assert (bucket == "NPA") == (dpd > threshold)
        if dpd > 60 and bucket != "NPA":
            assert bucket == "SMA-2"  # the bucket below NPA stretches to the boundary


@given(dpd=dpds, previous=names, threshold=thresholds)
def test_buckets_never_move_down_while_dpd_grows(dpd, previous, threshold):
    here = bucket_for(dpd, table=TABLE, previous=previous, npa_threshold_days=threshold)
    later = bucket_for(dpd + 1, table=TABLE, previous=here, npa_threshold_days=threshold)
    order = TABLE.names()
    assert order.index(later) >= order.index(here)


def test_bucket_table_from_settings(settings):
    settings.DAY_END_BUCKETS = "ok:0,late:1-45,bad:46+"
    table = bucket_table()
    assert table.names() == ["ok", "late", "bad"]
    assert bucket_for(45, table=table) == "late"
    assert bucket_for(46, table=table) == "bad"
    assert bucket_for(3, table=table, previous="bad") == "bad"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "NPA:91+",
        "current:0-1,SMA:2+",  # DPD 0 must be alone in the first bucket
        "current:0,SMA-0:2-30,NPA:31+",  # gap
        "current:0,SMA-0:1-30,SMA-1:25-60,NPA:61+",  # overlap
        "current:0,SMA-0:1-30,NPA:31-90",  # NPA must be open-ended
        "current:0,SMA-0:1+,NPA:31+",  # only the last is open-ended
        "current:0,SMA-0:1-x,NPA:31+",
        "current:0,averyverylongname:1-30,NPA:31+",
        "current:0,NPA:1-30,NPA:31+",
        "current,NPA:1+",
    ],
)
def test_bad_bucket_settings_are_refused(text):
    with pytest.raises(ImproperlyConfigured):
        parse_buckets(text)


# --- penal charges ---------------------------------------------------------------------


@given(overdue=money, percent=percents, mode=modes)
def test_percent_penal_is_the_share_of_the_overdue_amount_rounded_with_the_loan(
    overdue, percent, mode
):
    amount = penal_amount(
        charge_type="percent_of_overdue",
        flat=Decimal("500.00"),
        percent=percent,
        overdue=overdue,
        rounding=mode,
    )
    assert amount == round_money(overdue * percent / 100, mode)
    assert abs(amount - overdue * percent / 100) < Decimal("0.01")


def test_flat_penal_ignores_the_overdue_amount():
    for overdue in (Decimal("1.00"), Decimal("99999.00")):
        assert penal_amount(
            charge_type="flat",
            flat=Decimal("500.00"),
            percent=Decimal("2"),
            overdue=overdue,
            rounding="half_even",
        ) == Decimal("500.00")


@given(lag=st.integers(0, 60), grace=st.integers(0, 30))
def test_penal_is_due_once_past_the_grace_days(lag, grace):
    due = date(2025, 3, 31)
    assert penal_due_today(
        business_date=due + timedelta(days=lag), due_date=due, grace_days=grace
    ) == (lag > grace)


# --- the SQL twins, evaluated by the database --------------------------------------------


def _select(sql: str, params: dict):
    with connection.cursor() as cur:
        cur.execute(f"SELECT {sql}", params)
        return cur.fetchone()[0]


@pytest.mark.django_db
@settings(max_examples=120, deadline=None)
@given(dpd=dpds, previous=names, threshold=thresholds)
def test_the_bucket_sql_agrees_with_bucket_for(dpd, previous, threshold):
    npa_from = str(threshold + 1) if threshold != 90 else str(TABLE.npa.lo)
    sql, params = bucket_case_sql(TABLE, dpd="%(dpd)s", previous="%(previous)s", npa_from=npa_from)
    got = _select(sql, {**params, "dpd": dpd, "previous": previous or ""})
    assert got == bucket_for(dpd, table=TABLE, previous=previous, npa_threshold_days=threshold)


@pytest.mark.django_db
@settings(max_examples=150, deadline=None)
@given(overdue=money, percent=percents, mode=modes)
def test_the_penal_rounding_sql_agrees_with_round_money(overdue, percent, mode):
    numerator = int(overdue * 100) * int(percent * 10000)
    # The job feeds a NUMERIC on PostgreSQL and an INTEGER on SQLite; so does this test.
    bound = Decimal(numerator) if connection.vendor == "postgresql" else numerator
    sql = rounded_paise_sql("%(n)s", 1_000_000, "%(mode)s")
    paise = _select(sql, {"n": bound, "mode": mode})
    assert Decimal(int(paise)) / 100 == round_money(overdue * percent / 100, mode)
