"""Borrower-wise NPA in the day-end (collection.dayend.contagion): one NPA loan pulls the
borrower's other loans into NPA, and they come out together only when no loan of the
borrower has arrears."""

from datetime import date
from decimal import Decimal

import pytest

from collection.dayend import day_end_run
from collection.models import BucketHistory
from collection.tests.dayend_helpers import pay
from loans.models import Loan
from loans.tests.factories import active_loan, kyc_verified_borrower

pytestmark = pytest.mark.django_db

DISBURSED = date(2026, 1, 15)


def _pay_on_time(loan, numbers):
    for row in loan.installments.filter(number__in=numbers).order_by("number"):
        pay(loan, row.outstanding, on=row.due_date)


def _two_loans():
    borrower = kyc_verified_borrower()
    behind = active_loan(disbursed_on=DISBURSED, borrower=borrower)
    paying = active_loan(disbursed_on=DISBURSED, borrower=borrower, amount=Decimal("50000"))
    _pay_on_time(paying, [1, 2, 3, 4])
    other = active_loan(disbursed_on=DISBURSED)  # another borrower: untouched
    _pay_on_time(other, [1, 2, 3, 4])
    return behind, paying, other


def test_one_npa_loan_makes_the_borrower_npa_and_history_says_why():
    behind, paying, other = _two_loans()
    run = day_end_run(business_date=date(2026, 5, 16))  # 91 days past 15 Feb
    behind, paying, other = (Loan.objects.get(pk=x.pk) for x in (behind, paying, other))
    assert behind.bucket == "NPA" and behind.dpd == 91
    assert paying.bucket == "NPA" and paying.dpd == 0
    assert other.bucket == "current"
    row = BucketHistory.objects.get(loan=paying)
    assert (row.from_bucket, row.to_bucket, row.cause) == ("current", "NPA", "borrower_contagion")
    assert run.counts["borrower_contagion"] == 1
    # The next day nothing moves back and forth: no new history row for either loan.
    day_end_run(business_date=date(2026, 5, 17))
    assert Loan.objects.get(pk=paying.pk).bucket == "NPA"
    assert BucketHistory.objects.filter(loan=paying).count() == 1


def test_the_borrower_is_upgraded_only_when_every_arrear_is_paid():
    behind, paying, _ = _two_loans()
    day_end_run(business_date=date(2026, 5, 16))
    # The NPA loan paid up to 15 May, but the other loan now has an arrear (15 Jun due).
    arrears = sum(r.outstanding for r in behind.installments.filter(due_date__lte="2026-05-15"))
    pay(behind, arrears, on=date(2026, 5, 20))
    day_end_run(business_date=date(2026, 5, 20))
    assert Loan.objects.get(pk=behind.pk).bucket == "current"
    assert Loan.objects.get(pk=paying.pk).bucket == "current"
    row = BucketHistory.objects.get(loan=paying, business_date=date(2026, 5, 20))
    assert (row.from_bucket, row.to_bucket, row.cause) == ("NPA", "current", "borrower_upgraded")


def test_an_arrear_on_the_other_loan_keeps_the_borrower_npa():
    behind, paying, _ = _two_loans()
    day_end_run(business_date=date(2026, 5, 16))
    # The contagion loan falls behind (its 15 May installment was paid; 15 Jun is not).
    arrears = sum(r.outstanding for r in behind.installments.filter(due_date__lte="2026-06-20"))
    pay(behind, arrears, on=date(2026, 6, 20))
    day_end_run(business_date=date(2026, 6, 20))
    # `paying` owes its 15 Jun installment: it stays NPA (an NPA leaves only at DPD 0),
    # and it holds `behind` in NPA although `behind` has no arrears any more.
    paying = Loan.objects.get(pk=paying.pk)
    behind = Loan.objects.get(pk=behind.pk)
    assert paying.dpd > 0 and paying.bucket == "NPA"
    assert behind.dpd == 0 and behind.bucket == "NPA"
    # The chunk's upgrade of `behind` and the pull back cancel: no history row that day.
    assert not BucketHistory.objects.filter(loan=behind, business_date=date(2026, 6, 20)).exists()
