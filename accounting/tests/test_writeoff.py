"""A write-off uses the provision the close made for its loan first (docs/accounting.md,
docs/servicing.md), and takes the interest an NPA held in suspense off the books."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.test import override_settings

from accounting.close.job import month_end_run
from accounting.tests.helpers import balance, income
from accounts.roles import COLLECTIONS_MANAGER, CREDIT_MANAGER
from accounts.tests.factories import staff
from collection.tests.dayend_helpers import loan_due, pay
from lendingsite.dates import today_ist
from loans import ledger
from loans.models import JournalEntry, Loan
from repayments.services.servicing.proposals import proposal_approve
from repayments.services.servicing.writeoffs import loan_write_off_propose

pytestmark = pytest.mark.django_db

D = Decimal


def _last_month_end(today: date) -> date:
    return today.replace(day=1) - timedelta(days=1)


def _write_off(loan):
    proposal = loan_write_off_propose(
        acting_user=staff(CREDIT_MANAGER), loan=loan, kind="technical", reason="Absconded"
    )
    return proposal_approve(acting_user=staff(COLLECTIONS_MANAGER), proposal=proposal)


def test_a_write_off_debits_the_provision_held_and_the_rest_to_expense():
    month_end = _last_month_end(today_ist())
    loan = loan_due(month_end - timedelta(days=200))
    month_end_run(business_date=_last_month_end(month_end.replace(day=1)))  # accrued
    Loan.objects.filter(pk=loan.pk).update(bucket="NPA", dpd=120)
    month_end_run(business_date=month_end)  # suspended, provided
    held = -balance(ledger.LOAN_LOSS_PROVISION, loan)
    suspended = -balance(ledger.INTEREST_SUSPENSE, loan)
    principal = balance(ledger.LOAN_PORTFOLIO, loan)
    assert held > 0 and suspended > 0
    assert held == (principal * D("0.10")).quantize(D("0.01"))  # sub-standard, 10 %
    _write_off(Loan.objects.get(pk=loan.pk))
    entry = JournalEntry.objects.get(loan=loan, kind="write_off")
    sides = {line.account.code: (line.debit, line.credit) for line in entry.lines.all()}
    assert sides[ledger.LOAN_LOSS_PROVISION] == (held, D("0.00"))
    assert sides[ledger.WRITE_OFF_EXPENSE] == (principal - held, D("0.00"))
    assert sides[ledger.INTEREST_SUSPENSE] == (suspended, D("0.00"))
    assert sides[ledger.INTEREST_RECEIVABLE] == (D("0.00"), suspended)
    for code in (ledger.LOAN_LOSS_PROVISION, ledger.INTEREST_RECEIVABLE, ledger.LOAN_PORTFOLIO):
        assert balance(code, loan) == D("0.00")


@override_settings(LEDGER_BASIS="cash")
def test_cash_basis_recognises_interest_when_paid_and_the_close_only_provides():
    loan = loan_due(date(2026, 1, 15))
    first = loan.installments.get(number=1)
    pay(loan, first.outstanding, on=first.due_date)
    run = month_end_run(business_date=date(2026, 2, 28))
    assert income(loan) == first.interest_due
    assert balance(ledger.INTEREST_RECEIVABLE, loan) == D("0.00")
    assert "accrual" not in run.counts and run.counts["provision"]["loans"] == 1
