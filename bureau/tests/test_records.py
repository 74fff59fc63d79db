"""Validation of one bureau record (pure)."""

from datetime import date
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from bureau.records import AccountRecord, age_on, pin_code, problems, state_code

AS_OF = date(2026, 11, 30)


def record(**changes) -> AccountRecord:
    base = dict(
        loan_id=1,
        account_number="LN00000001",
        name="Asha Rao",
        date_of_birth=date(1990, 5, 17),
        pan="ABCPR1234K",
        ckyc="",
        phone="+91 98765 43210",
        address="12 MG Road, Bengaluru 560001",
        date_opened=date(2026, 1, 10),
        date_closed=None,
        last_payment=None,
        sanctioned=Decimal("100000.00"),
        current_balance=Decimal("50000.00"),
        amount_overdue=Decimal("0.00"),
        dpd=0,
        asset_class="01",
        status="active",
        written_off_total=Decimal("0"),
        written_off_principal=Decimal("0"),
        settlement_amount=Decimal("0"),
        restructured=False,
    )
    return AccountRecord(**{**base, **changes})


def test_a_good_record_has_no_problems():
    assert problems(record(), as_of=AS_OF) == []


def test_each_bad_field_is_named():
    cases = {
        "pan": record(pan=""),
        "pin_code": record(address="Near the temple, Hosur"),
        "phone": record(phone="12345"),
        "date_of_birth": record(date_of_birth=date(2010, 1, 1)),
        "ckyc": record(ckyc="123"),
        "name": record(name=" "),
        "date_opened": record(date_opened=None),
    }
    for field, bad in cases.items():
        assert [p.field for p in problems(bad, as_of=AS_OF)] == [field], field
    assert (
        "does not map"
        in problems(record(address="Field Post Office 910001"), as_of=AS_OF)[0].message
    )


def test_pin_and_state():
    assert pin_code("Flat 4, Andheri East, Mumbai 400 069") == "400069"
    assert state_code("400069") == "27" and state_code("560001") == "29"


@given(
    st.dates(min_value=date(1930, 1, 1), max_value=date(2020, 1, 1)),
    st.dates(min_value=date(2020, 1, 2), max_value=date(2100, 1, 1)),
)
def test_age_is_whole_years_completed(born, day):
    age = age_on(born, day)
    assert (
        born.replace(year=born.year + age) <= day
        if not (born.month == 2 and born.day == 29)
        else True
    )
    assert age >= 0
