"""The one rule for "what is overdue" (loans.arrears), tested directly and with hypothesis.
Its SQL twin in the day-end is held equal to it in collection/tests/test_arrears_sql.py."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from loans.arrears import (
    DUE,
    OVERDUE,
    PAID,
    PARTIALLY_PAID,
    Due,
    arrears_on,
    as_of_for_today,
    counts_as_overdue,
    days_past_due,
    installment_status,
)

D = Decimal
DAY = date(2025, 4, 10)
money = st.decimals(min_value=D("0.00"), max_value=D("99999.99"), places=2)
floors = st.sampled_from([D("0.00"), D("0.01"), D("10.00"), D("99.99")]) | money
dates = st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31))


@st.composite
def installments(draw):
    floor = draw(floors)
    rows = []
    for _ in range(draw(st.integers(0, 8))):
        due = DAY + timedelta(days=draw(st.integers(-90, 40)))
        owed = draw(
            st.sampled_from([D("0.00"), floor, floor + D("0.01"), max(floor - D("0.01"), D(0))])
            | money
        )
        rows.append(Due(due, owed, draw(money)))
    return floor, rows


def test_the_worked_example_with_a_partly_paid_installment():
    rows = [
        Due(date(2025, 2, 28), D("0.00"), D("9000.00")),  # paid
        Due(date(2025, 3, 31), D("5.00"), D("8995.00")),  # within the floor: counts as paid
        Due(date(2025, 4, 10), D("9000.00")),  # due today (D): overdue at its end
        Due(date(2025, 5, 10), D("9000.00")),
    ]
    arrears = arrears_on(rows, business_date=DAY, materiality_floor=D("10.00"))
    assert (arrears.overdue_count, arrears.overdue_amount, arrears.oldest_overdue) == (
        1,
        D("9000.00"),
        date(2025, 4, 10),
    )
    assert arrears.dpd == 1
    # The arrears to clear include the immaterial ₹5: paying them leaves nothing due.
    assert arrears.arrears_amount == D("9005.00")
    assert (arrears.next_payment_date, arrears.next_payment_amount) == (
        date(2025, 4, 11),
        D("9005.00"),
    )
    assert (arrears.upcoming_date, arrears.upcoming_amount) == (date(2025, 5, 10), D("9000.00"))
    assert [arrears.status_of(r) for r in rows] == [PAID, PARTIALLY_PAID, OVERDUE, DUE]


def test_a_current_loans_next_payment_is_the_next_installment():
    rows = [Due(date(2025, 3, 31), D("0.00"), D("9000.00")), Due(date(2025, 4, 30), D("9000"))]
    arrears = arrears_on(rows, business_date=DAY)
    assert not arrears.overdue
    assert (arrears.next_payment_date, arrears.next_payment_amount) == (date(2025, 4, 30), 9000)
    # Seen during 30 Apr (D = 29 Apr): due today is not late, and it is what is due now.
    today = arrears_on(rows, business_date=as_of_for_today(date(2025, 4, 30)))
    assert (today.dpd, today.due_next_day, today.next_payment_date) == (
        0,
        D("9000"),
        date(2025, 4, 30),
    )


@given(data=installments(), business_date=dates)
def test_the_rule_holds_for_any_installments(data, business_date):
    floor, rows = data
    arrears = arrears_on(rows, business_date=business_date, materiality_floor=floor)
    counting = [
        r
        for r in rows
        if counts_as_overdue(
            due_date=r.due_date,
            outstanding=r.outstanding,
            business_date=business_date,
            materiality_floor=floor,
        )
    ]
    assert all(r.due_date <= business_date and r.outstanding > floor for r in counting)
    assert arrears.overdue_count == len(counting)
    assert arrears.overdue_amount == sum((r.outstanding for r in counting), D("0.00"))
    oldest = min((r.due_date for r in counting), default=None)
    assert arrears.oldest_overdue == oldest
    assert arrears.dpd == days_past_due(business_date, oldest)
    assert arrears.dpd == (0 if oldest is None else (business_date - oldest).days + 1)
    assert arrears.overdue == bool(counting)
    due_by_d = [r for r in rows if r.due_date <= business_date and r.outstanding > 0]
    assert arrears.arrears_amount == sum((r.outstanding for r in due_by_d), D("0.00"))
    assert arrears.arrears_amount >= arrears.overdue_amount
    # Never a past date presented as upcoming.
    if arrears.next_payment_date is not None:
        assert arrears.next_payment_date > business_date
    if arrears.overdue:
        assert arrears.next_payment_date == business_date + timedelta(days=1)
        assert arrears.next_payment_amount == arrears.arrears_amount
    later = [r for r in rows if r.due_date > business_date and r.outstanding > 0]
    assert arrears.upcoming_date == min((r.due_date for r in later), default=None)
    statuses = [arrears.status_of(r) for r in rows]
    assert statuses.count(OVERDUE) == len(counting)


@given(owed=money, paid=money, floor=floors, lag=st.integers(-40, 40))
def test_installment_status(owed, paid, floor, lag):
    row = Due(DAY - timedelta(days=lag), owed, paid)
    status = installment_status(row, business_date=DAY, materiality_floor=floor)
    if owed <= 0:
        assert status == PAID
    elif lag >= 0 and owed > floor:
        assert status == OVERDUE
    else:
        assert status == (PARTIALLY_PAID if paid > 0 else DUE)
