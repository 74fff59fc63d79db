"""A loan's delinquency between two nights (collection.services.delinquency): a payment that
clears the arrears makes the loan current at once (DPD, bucket, history, case), a reversal
brings them back, NPA is left only when every arrear is paid, and a current loan's payment
costs nothing extra."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import AuditEvent
from collection.dayend import day_end_run
from collection.models import BucketHistory, CollectionCase
from collection.tests.dayend_helpers import arrears, loan_due, pay, pay_installments
from lendingsite import audit
from loans.models import Loan
from loans.tests.factories import ProductFactory
from repayments.tests.factories import reverse_payment

pytestmark = pytest.mark.django_db

JAN31 = date(2025, 1, 31)  # installments due 28 Feb, 31 Mar, 30 Apr, 31 May, 30 Jun, ...


def fresh(loan: Loan) -> Loan:
    return Loan.objects.get(pk=loan.pk)


def history(loan: Loan) -> list[tuple]:
    return list(
        BucketHistory.objects.filter(loan=loan)
        .order_by("business_date")
        .values_list("business_date", "from_bucket", "to_bucket", "dpd")
    )


def test_a_payment_clearing_the_arrears_makes_the_loan_current_at_once():
    loan = loan_due(JAN31)
    day_end_run(business_date=date(2025, 3, 10))
    assert (fresh(loan).dpd, fresh(loan).bucket) == (11, "SMA-0")

    payment = pay(loan, arrears(loan, on=date(2025, 3, 11)), on=date(2025, 3, 11))

    # No night has run since: the payment itself moved DPD, bucket, history and case.
    assert (fresh(loan).dpd, fresh(loan).bucket) == (0, "current")
    assert history(loan) == [
        (date(2025, 3, 10), "current", "SMA-0", 11),
        (date(2025, 3, 11), "SMA-0", "current", 0),
    ]
    row = BucketHistory.objects.get(loan=loan, business_date=date(2025, 3, 11))
    assert row.cause == f"payment {payment.pk} paid on 11 Mar 2025"
    case = CollectionCase.objects.get(loan=loan)
    assert (case.status, case.closed_on, case.overdue_amount) == (
        "resolved",
        date(2025, 3, 11),
        0,
    )
    event = AuditEvent.objects.get(action="loan.delinquency_refreshed")
    assert event.before["dpd"] == 11 and event.after["dpd"] == 0
    assert event.after["case"]["status"] == "resolved"
    # The night's run finds nothing to change.
    run = day_end_run(business_date=date(2025, 3, 11))
    assert run.counts["dpd"]["bucket_changes"] == 0
    assert run.counts["cases"] == {"opened": 0, "refreshed": 0, "resolved": 0}


def test_a_part_payment_lowers_dpd_and_the_case_amount_at_once():
    loan = loan_due(JAN31)
    day_end_run(business_date=date(2025, 4, 5))  # 28 Feb and 31 Mar unpaid: DPD 37, SMA-1
    assert (fresh(loan).dpd, fresh(loan).bucket) == (37, "SMA-1")

    pay_installments(loan, [1], on=date(2025, 4, 6))

    # As of the last night (5 Apr) with the payment: the oldest unpaid is 31 Mar, DPD 6.
    assert (fresh(loan).dpd, fresh(loan).bucket) == (6, "SMA-0")
    case = CollectionCase.objects.get(loan=loan)
    assert case.status == "open"
    assert case.overdue_amount == arrears(loan, on=date(2025, 4, 5))
    assert history(loan)[-1] == (date(2025, 4, 6), "SMA-1", "SMA-0", 6)


def test_npa_stays_npa_until_every_arrear_is_paid():
    loan = loan_due(JAN31)
    day_end_run(business_date=date(2025, 5, 31))
    assert (fresh(loan).dpd, fresh(loan).bucket) == (93, "NPA")

    pay_installments(loan, [1, 2], on=date(2025, 6, 1))  # 30 Apr and 31 May still unpaid
    assert (fresh(loan).dpd, fresh(loan).bucket) == (32, "NPA")
    assert CollectionCase.objects.get(loan=loan).status == "open"

    pay(loan, arrears(loan, on=date(2025, 6, 1)), on=date(2025, 6, 1))
    assert (fresh(loan).dpd, fresh(loan).bucket) == (0, "current")
    assert history(loan) == [
        (date(2025, 5, 31), "current", "NPA", 93),
        (date(2025, 6, 1), "NPA", "current", 0),
    ]
    assert CollectionCase.objects.get(loan=loan).status == "resolved"


def test_a_remainder_within_the_floor_counts_as_paid_at_once():
    loan = loan_due(JAN31, product=ProductFactory(materiality_floor=Decimal("10.00")))
    day_end_run(business_date=date(2025, 3, 5))
    assert (fresh(loan).dpd, fresh(loan).bucket) == (6, "SMA-0")
    pay_installments(loan, [1], on=date(2025, 3, 6), leave=Decimal("10.00"))
    assert (fresh(loan).dpd, fresh(loan).bucket) == (0, "current")
    assert CollectionCase.objects.get(loan=loan).status == "resolved"


def test_a_reversal_brings_the_arrears_back_at_once():
    loan = loan_due(JAN31)
    day_end_run(business_date=date(2025, 3, 10))
    payment = pay(loan, arrears(loan, on=date(2025, 3, 11)), on=date(2025, 3, 11))
    assert fresh(loan).bucket == "current"

    reverse_payment(payment, business_date=date(2025, 3, 12))

    assert (fresh(loan).dpd, fresh(loan).bucket) == (12, "SMA-0")  # as of 11 Mar
    cases = CollectionCase.objects.filter(loan=loan).order_by("id")
    assert [(c.status, c.opened_on) for c in cases] == [
        ("resolved", date(2025, 3, 10)),
        ("open", date(2025, 3, 12)),
    ]
    assert cases[1].overdue_amount == arrears(loan, on=date(2025, 3, 11))
    row = BucketHistory.objects.get(loan=loan, business_date=date(2025, 3, 12))
    assert (row.from_bucket, row.to_bucket, row.cause) == (
        "current",
        "SMA-0",
        f"reversal of payment {payment.pk}",
    )


def test_a_booking_after_that_days_run_is_judged_at_that_day():
    """The day-end of 31 Mar already ran (the 31 Mar installment counts): a payment booked
    on 31 Mar that pays only the February installment leaves the loan 1 day past due."""
    loan = loan_due(JAN31, product=ProductFactory(penal_charge_flat=Decimal("0.00")))
    day_end_run(business_date=date(2025, 3, 31))
    assert (fresh(loan).dpd, fresh(loan).bucket) == (32, "SMA-1")
    pay_installments(loan, [1], on=date(2025, 3, 31))
    assert (fresh(loan).dpd, fresh(loan).bucket) == (1, "SMA-0")
    from collection.services import delinquency

    assert delinquency.delinquency_as_of(date(2025, 3, 31)) == date(2025, 3, 31)
    assert delinquency.delinquency_as_of(date(2025, 4, 2)) == date(2025, 4, 1)


def test_a_current_loans_payment_does_not_read_or_write_delinquency(monkeypatch):
    """Payment posting's speed: nothing extra for a loan that is current and stays so."""
    from collection.services import delinquency

    loan = loan_due(JAN31)
    pay_installments(loan, [1], on=date(2025, 2, 28))

    def queries(number: int, on: date) -> list[str]:
        with CaptureQueriesContext(connection) as ctx:
            pay_installments(fresh(loan), [number], on=on)
        return [q["sql"] for q in ctx.captured_queries]

    with_listener = queries(2, date(2025, 3, 31))
    monkeypatch.setitem(
        audit._listeners,
        "payment.posted",
        [f for f in audit._listeners["payment.posted"] if f is not delinquency.payment_posted],
    )
    without = queries(3, date(2025, 4, 30))
    assert len(with_listener) == len(without)
    assert not BucketHistory.objects.exists()
    assert not AuditEvent.objects.filter(action="loan.delinquency_refreshed").exists()
