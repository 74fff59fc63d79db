"""The day-end's SQL (collection.dayend.sql, the overdue and state steps) is the SQL twin of
the arrears rule (loans.arrears): for any installments (dues, partial payments, dates,
materiality floors, remainders a paisa either side of the floor), the DPD and overdue
amount the SQL computes equal loans.selectors.loan_arrears. Runs on SQLite and on
PostgreSQL (the suite runs on both)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from collection.dayend import sql
from collection.dayend.buckets import bucket_table
from lendingsite import rawsql
from loans.models import Installment, Loan, LoanProduct
from loans.selectors import loan_arrears
from loans.tests.factories import ProductFactory, active_loan

pytestmark = pytest.mark.django_db

D = Decimal
DAY = date(2025, 4, 10)
CENT = D("0.01")
PARTS = ("principal", "interest", "penal", "fees")
money = st.decimals(min_value=D("0.00"), max_value=D("99999.99"), places=2)
small = st.decimals(min_value=D("0.00"), max_value=D("2.00"), places=2)


@st.composite
def rows(draw, floor: Decimal):
    """Installments with every part due and some paid; the remainder drawn from the edge
    cases around the floor (a paisa above, at, a paisa below, nothing) or anywhere."""
    out = []
    for number in range(1, draw(st.integers(1, 7)) + 1):
        dues = {part: draw(money if part != "fees" else small) for part in PARTS}
        total = sum(dues.values(), D("0.00"))
        leave = draw(st.sampled_from([D("0"), floor, floor + CENT, floor - CENT, total]) | money)
        leave = min(max(leave, D("0")), total)
        to_pay = total - leave
        paid = {}
        for part in PARTS:  # fill each part in turn: every paid part stays within its due
            paid[part] = min(dues[part], to_pay)
            to_pay -= paid[part]
        out.append(
            {
                "number": number,
                "due_date": DAY + timedelta(days=draw(st.integers(-120, 30))),
                **{f"{p}_due": dues[p] for p in PARTS},
                **{f"{p}_paid": paid[p] for p in PARTS},
            }
        )
    return out


floors = st.sampled_from([D("0.00"), D("0.01"), D("10.00"), D("100.00")]) | st.decimals(
    min_value=D("0.00"), max_value=D("500.00"), places=2
)


def day_end_state(loan: Loan, business_date: date) -> tuple[int, Decimal]:
    """DPD and overdue amount of `loan` as the day-end's overdue and state steps compute
    them (0 and 0.00 when the loan is not in the state table: current before and after)."""
    p = sql.ChunkParams(
        business_date=business_date,
        lo=loan.pk,
        hi=loan.pk,
        table=bucket_table(),
        escalation_enabled=False,
        escalation_threshold=90,
        now=timezone.now(),
    )
    with rawsql.values_inlined(), connection.cursor() as cur:
        sql.overdue_step(cur, p)
        sql.state_step(cur, p)
        cur.execute(f"SELECT dpd, overdue_paise FROM {sql.STATE} WHERE loan_id = %s", [loan.pk])
        found = cur.fetchone()
        sql.drop_work_tables(cur)
    if found is None:
        return 0, D("0.00")
    return int(found[0]), D(int(found[1])) / 100


@pytest.fixture
def loan():
    return active_loan(product=ProductFactory(), disbursed_on=date(2024, 10, 10), tenure=6)


@settings(
    max_examples=120,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), floor=floors, lag=st.integers(-5, 60))
def test_the_day_end_sql_agrees_with_the_arrears_selector(loan, data, floor, lag):
    # Each example replaces the loan's installments and its product's floor (the fixture's
    # loan is shared by the examples; nothing else reads these rows).
    LoanProduct.objects.filter(pk=loan.product_id).update(materiality_floor=floor)
    Installment.objects.filter(loan=loan).delete()
    Installment.objects.bulk_create(
        Installment(loan=loan, balance_after=0, **row) for row in data.draw(rows(floor))
    )
    business_date = DAY + timedelta(days=lag)
    fresh = Loan.objects.select_related("product").get(pk=loan.pk)

    arrears = loan_arrears(fresh, as_of=business_date)

    assert day_end_state(fresh, business_date) == (arrears.dpd, arrears.overdue_amount)


def test_the_twin_on_a_remainder_one_paisa_either_side_of_the_floor(loan):
    LoanProduct.objects.filter(pk=loan.product_id).update(materiality_floor=D("10.00"))
    first, second = Installment.objects.filter(loan=loan).order_by("number")[:2]
    for row, leave in ((first, D("10.00")), (second, D("10.01"))):
        Installment.objects.filter(pk=row.pk).update(
            principal_paid=row.principal_due, interest_paid=row.interest_due - leave
        )
    fresh = Loan.objects.select_related("product").get(pk=loan.pk)
    on = second.due_date + timedelta(days=4)
    arrears = loan_arrears(fresh, as_of=on)
    assert (arrears.dpd, arrears.overdue_amount) == (5, D("10.01"))
    assert day_end_state(fresh, on) == (5, D("10.01"))
