"""A list's arrears (loans.selectors.arrears_of_loans: one lean query over the rows still
owed) equal each loan's own (loan_arrears over its whole schedule), for any schedules,
partial payments, floors and statuses. Runs on SQLite and PostgreSQL."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from loans.models import Installment, Loan, LoanProduct, LoanStatus
from loans.selectors import arrears_of_loans, loan_arrears
from loans.tests.factories import ProductFactory, active_loan

pytestmark = pytest.mark.django_db

D = Decimal
DAY = date(2025, 4, 10)
PARTS = ("principal", "interest", "penal", "fees")
money = st.decimals(min_value=D("0.00"), max_value=D("9999.99"), places=2)


@st.composite
def schedule(draw, floor: Decimal):
    """Rows with every part due and a share paid: nothing, everything, a paisa either side
    of the floor, or anywhere between."""
    out = []
    for number in range(1, draw(st.integers(0, 6)) + 1):
        dues = {part: draw(money) for part in PARTS}
        total = sum(dues.values(), D("0.00"))
        leave = draw(st.sampled_from([D("0"), total, floor, floor + D("0.01")]) | money)
        to_pay = total - min(max(leave, D("0")), total)
        row = {"number": number, "due_date": DAY + timedelta(days=draw(st.integers(-90, 40)))}
        for part in PARTS:  # each paid part within its due (the table's CHECK)
            row[f"{part}_due"] = dues[part]
            row[f"{part}_paid"] = min(dues[part], to_pay)
            to_pay -= row[f"{part}_paid"]
        out.append(row)
    return out


@pytest.fixture
def loans():
    product = ProductFactory()
    return [active_loan(product=product, disbursed_on=date(2024, 10, 10)) for _ in range(3)]


@settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data(), lag=st.integers(-5, 60))
def test_a_lists_arrears_equal_each_loans_own(loans, data, lag):
    floor = data.draw(st.sampled_from([D("0.00"), D("0.01"), D("10.00")]) | money)
    LoanProduct.objects.filter(pk=loans[0].product_id).update(materiality_floor=floor)
    Installment.objects.filter(loan__in=loans).delete()
    for loan in loans:
        status = data.draw(st.sampled_from([LoanStatus.ACTIVE, LoanStatus.WRITTEN_OFF, "closed"]))
        Loan.objects.filter(pk=loan.pk).update(status=status)
        Installment.objects.bulk_create(
            Installment(loan=loan, balance_after=0, **row) for row in data.draw(schedule(floor))
        )
    as_of = DAY + timedelta(days=lag)
    listed = list(Loan.objects.select_related("product").filter(pk__in=[x.pk for x in loans]))

    together = arrears_of_loans(listed, as_of=as_of)

    for loan in listed:
        alone = Loan.objects.select_related("product").get(pk=loan.pk)
        assert together[loan.pk] == loan_arrears(alone, as_of=as_of)


def test_one_query_for_the_whole_list(loans, django_assert_num_queries):
    listed = list(Loan.objects.select_related("product").filter(pk__in=[x.pk for x in loans]))
    with django_assert_num_queries(1):
        together = arrears_of_loans(listed, as_of=DAY)
    assert set(together) == {x.pk for x in loans}
    assert all(a.upcoming_amount > 0 for a in together.values())  # a fresh schedule: owed
