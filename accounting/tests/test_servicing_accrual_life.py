"""The distress state machine (repayments' DistressLife: payments, reversals, charges,
waivers, refunds, write-off, recoveries, settlement, restructure with and without
capitalised arrears, moratorium, foreclosure) on accrual basis, with the accrual run and
NPA moves added. After every step the trial balance balances and a loan that left the
book (closed, foreclosed, cancelled, settled, written off) holds nothing in Interest
Receivable or Interest Suspense; right after an accrual run an active loan's receivable is
not negative and its suspense is what an NPA has accrued and not collected."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db.models import Sum
from django.test import override_settings
from hypothesis import strategies as st
from hypothesis.stateful import invariant, precondition, rule

from accounting.close.job import month_end_run
from accounting.models import RunKind
from accounting.tests.helpers import balance
from loans import ledger
from loans.models import JournalLine, Loan, LoanStatus
from repayments.tests.lives import distress_life_run
from repayments.tests.test_servicing_invariants import DistressLife

ZERO = Decimal("0.00")


class AccrualLife(DistressLife):
    last_accrual = None

    @rule(days=st.integers(0, 40))
    def accrue(self, days):
        """The on-demand accrual for a day (the month-end close's accrual step)."""
        day = self.today + timedelta(days=days)
        if self.last_accrual is not None and day <= self.last_accrual:
            return
        self.today = self.last_accrual = day
        month_end_run(business_date=day, kind=RunKind.ACCRUAL)
        loan = self.loan
        receivable = balance(ledger.INTEREST_RECEIVABLE, loan)
        suspense = -balance(ledger.INTEREST_SUSPENSE, loan)
        if loan.status == LoanStatus.ACTIVE:
            assert receivable >= ZERO, receivable
            if loan.bucket == "NPA":
                assert suspense == receivable
            else:
                assert suspense == ZERO

    @precondition(lambda self: self.loan.status == LoanStatus.ACTIVE)
    @rule(npa=st.booleans())
    def classify(self, npa):
        """The day-end's bucket, set directly: NPA (accrual stops, suspense) or back."""
        Loan.objects.filter(pk=self.loan_id).update(
            bucket="NPA" if npa else "current", dpd=120 if npa else 0
        )

    @invariant()
    def trial_balance_balances(self):
        totals = JournalLine.objects.aggregate(dr=Sum("debit"), cr=Sum("credit"))
        assert (totals["dr"] or ZERO) == (totals["cr"] or ZERO)

    @invariant()
    def a_loan_off_the_book_holds_no_accrued_interest(self):
        loan = self.loan
        if loan.status == LoanStatus.ACTIVE:
            return
        assert balance(ledger.INTEREST_RECEIVABLE, loan) == ZERO, loan.status
        assert balance(ledger.INTEREST_SUSPENSE, loan) == ZERO, loan.status


@pytest.mark.django_db
@override_settings(LEDGER_BASIS=ledger.ACCRUAL)
def test_accrued_interest_stays_right_through_servicing_and_distress():
    # One loan restructures with its arrears capitalised, the other without.
    distress_life_run(AccrualLife, steps=16, capitalises=(True, False))
    assert Loan.objects.exists()
