"""Accrued interest through the servicing paths that take interest off a loan (accrual
basis; docs/accounting.md, "Loans leaving the book"), with hand-computed figures.

The loan: ₹1,00,000 at 14 % for 12 months, disbursed 15 Jan 2026; installment interest
1,166.67 (15 Feb), 1,075.53 (15 Mar), 983.32 (15 Apr). The accrual run for 31 Mar 2026
recognises 1,166.67 + 1,075.53 + 983.32 * 16/31 (15 Mar to 31 Mar of a 31-day period,
507.52 exactly) = 2,749.72."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import override_settings

from accounting.close.job import month_end_run
from accounting.models import RunKind
from accounting.rules import interest_earned
from accounting.tests.helpers import balance, income, periods
from accounts.roles import COLLECTIONS_MANAGER, CREDIT_MANAGER
from accounts.tests.factories import staff
from collection.tests.dayend_helpers import loan_due, pay
from loans import ledger
from loans.models import JournalEntry, Loan
from loans.tests.factories import ProductFactory
from repayments.models import Payment
from repayments.selectors import foreclosure_quote
from repayments.services.servicing.proposals import proposal_approve
from repayments.services.servicing.reschedules import loan_restructure_propose, restructure_accept
from repayments.services.servicing.settlements import loan_settlement_propose
from repayments.services.servicing.writeoffs import loan_write_off_propose

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("accrual_basis")]

D = Decimal
ZERO = D("0.00")
DISBURSED = date(2026, 1, 15)
ACCRUED_31_MAR = D("2749.72")
ON = date(2026, 4, 5)


@pytest.fixture
def accrual_basis():
    with override_settings(LEDGER_BASIS=ledger.ACCRUAL):
        yield


def _accrue(day: date) -> None:
    month_end_run(business_date=day, kind=RunKind.ACCRUAL)


def _accrued_loan(*, npa: bool, product=None) -> Loan:
    """Accrued to 31 Mar (2,749.72); NPA: then moved to NPA and the accrual for 1 Apr
    holds the whole receivable in suspense (accrual stops; income back to nil)."""
    loan = loan_due(DISBURSED, product=product)
    _accrue(date(2026, 3, 31))
    assert balance(ledger.INTEREST_RECEIVABLE, loan) == income(loan) == ACCRUED_31_MAR
    if npa:
        Loan.objects.filter(pk=loan.pk).update(bucket="NPA", dpd=45)
        _accrue(date(2026, 4, 1))
        assert -balance(ledger.INTEREST_SUSPENSE, loan) == ACCRUED_31_MAR
        assert income(loan) == ZERO
    return Loan.objects.get(pk=loan.pk)


def _approve(proposal):
    return proposal_approve(acting_user=staff(CREDIT_MANAGER), proposal=proposal, business_date=ON)


def _settle_for_1000(loan: Loan) -> Loan:
    _approve(
        loan_settlement_propose(
            acting_user=staff(COLLECTIONS_MANAGER),
            loan=loan,
            amount=D("1000.00"),
            reason="Job loss",
            business_date=ON,
        )
    )
    pay(loan, D("1000.00"), on=ON)  # all of it interest (1,166.67 is due first)
    loan = Loan.objects.get(pk=loan.pk)
    assert loan.status == "settled"
    return loan


def _sides(kind: str, loan: Loan, **on) -> dict:
    entry = JournalEntry.objects.get(loan=loan, kind=kind, **on)
    out: dict = {}
    for line in entry.lines.select_related("account"):
        dr, cr = out.get(line.account.code, (ZERO, ZERO))
        out[line.account.code] = (dr + line.debit, cr + line.credit)
    return out


def test_a_settlement_waives_the_accrued_interest_as_a_loss_on_a_standard_loan():
    loan = _settle_for_1000(_accrued_loan(npa=False))
    # Receivable 2,749.72 - 1,000 paid = 1,749.72 recognised and never collected: waived
    # with the principal, a loss (income stays what was earned).
    sides = _sides("settlement_waiver", loan)
    assert sides[ledger.INTEREST_RECEIVABLE] == (ZERO, D("1749.72"))
    assert sides[ledger.WRITE_OFF_EXPENSE] == (D("101749.72"), ZERO)  # 1,00,000 + 1,749.72
    assert balance(ledger.INTEREST_RECEIVABLE, loan) == ZERO
    assert balance(ledger.INTEREST_SUSPENSE, loan) == ZERO
    assert income(loan) == ACCRUED_31_MAR


def test_a_settlement_of_an_npa_takes_the_suspended_interest_out_of_suspense_not_income():
    loan = _settle_for_1000(_accrued_loan(npa=True))
    # Receivable 1,749.72 after the payment, all of it in suspense (2,749.72 held): it
    # leaves against suspense; the 1,000 paid was held in suspense too and is income now.
    sides = _sides("settlement_waiver", loan)
    assert sides[ledger.INTEREST_SUSPENSE] == (ACCRUED_31_MAR, ZERO)
    assert sides[ledger.INTEREST_RECEIVABLE] == (ZERO, D("1749.72"))
    assert sides[ledger.INTEREST_INCOME] == (ZERO, D("1000.00"))
    assert sides[ledger.WRITE_OFF_EXPENSE] == (D("100000.00"), ZERO)  # principal only
    assert balance(ledger.INTEREST_RECEIVABLE, loan) == ZERO
    assert balance(ledger.INTEREST_SUSPENSE, loan) == ZERO
    assert income(loan) == D("1000.00")  # an NPA's income is what was received
    # The next close finds nothing to true up on the settled loan.
    month_end_run(business_date=date(2026, 4, 30))
    assert income(loan) == D("1000.00")
    assert balance(ledger.INTEREST_RECEIVABLE, loan) == ZERO


def _restructure(loan: Loan) -> None:
    _approve(
        loan_restructure_propose(
            acting_user=staff(COLLECTIONS_MANAGER),
            loan=loan,
            annual_rate=D("14"),
            tenure=12,
            reason="Income fell",
            business_date=ON,
        )
    )
    reschedule = loan.reschedules.order_by("-id").first()
    restructure_accept(acting_user=loan.borrower, reschedule=reschedule, business_date=ON)


@pytest.mark.parametrize("npa", [False, True])
def test_a_restructure_moves_the_capitalised_interest_out_of_the_receivable(npa):
    product = ProductFactory(restructure_capitalises_arrears=True)
    loan = _accrued_loan(npa=npa, product=product)
    _restructure(loan)
    # Arrears on 5 Apr: the interest of 15 Feb and 15 Mar, 1,166.67 + 1,075.53 = 2,242.20,
    # now principal (1,02,242.20) against Capitalised Interest; it leaves the receivable
    # (2,749.72 - 2,242.20 = 507.52 left, the accrual of the April installment) and its
    # income is reversed (standard) or its suspense released into nothing (NPA).
    assert balance(ledger.LOAN_PORTFOLIO, loan) == D("102242.20")
    assert -balance(ledger.CAPITALISED_INTEREST_SUSPENSE, loan) == D("2242.20")
    assert balance(ledger.INTEREST_RECEIVABLE, loan) == D("507.52")
    if npa:
        assert -balance(ledger.INTEREST_SUSPENSE, loan) == D("507.52")
        assert income(loan) == ZERO
    else:
        assert balance(ledger.INTEREST_SUSPENSE, loan) == ZERO
        assert income(loan) == D("507.52")
        # The next accrual brings the books to the new schedule without reversing the
        # capitalised interest a second time: receivable = income = earned on it.
        _accrue(date(2026, 4, 30))
        earned = interest_earned(periods(Loan.objects.get(pk=loan.pk)), date(2026, 4, 30))
        assert earned > 0
        assert balance(ledger.INTEREST_RECEIVABLE, loan) == income(loan) == earned


def test_a_write_off_clears_suspense_held_beyond_the_receivable():
    loan = _accrued_loan(npa=True)
    pay(loan, D("1000.00"), on=ON)  # receivable 1,749.72; suspense still 2,749.72
    _approve(
        loan_write_off_propose(
            acting_user=staff(COLLECTIONS_MANAGER),
            loan=Loan.objects.get(pk=loan.pk),
            kind="technical",
            reason="Absconded",
            business_date=ON,
        )
    )
    sides = _sides("write_off", loan)
    assert sides[ledger.INTEREST_SUSPENSE] == (ACCRUED_31_MAR, ZERO)
    assert sides[ledger.INTEREST_RECEIVABLE] == (ZERO, D("1749.72"))
    assert sides[ledger.INTEREST_INCOME] == (ZERO, D("1000.00"))  # received on an NPA
    assert sides[ledger.WRITE_OFF_EXPENSE] == (D("100000.00"), ZERO)  # no provision held
    for code in (ledger.INTEREST_RECEIVABLE, ledger.INTEREST_SUSPENSE, ledger.LOAN_PORTFOLIO):
        assert balance(code, loan) == ZERO


def test_a_loan_foreclosed_mid_month_is_accrued_to_the_day_and_holds_no_receivable():
    loan = loan_due(DISBURSED)
    _accrue(date(2026, 1, 31))  # 1,166.67 * 16/31 = 602.1522… → 602.15
    assert balance(ledger.INTEREST_RECEIVABLE, loan) == D("602.15")
    on = date(2026, 2, 10)
    pay(loan, foreclosure_quote(loan, as_of=on).total, on=on)
    loan = Loan.objects.get(pk=loan.pk)
    payment = Payment.objects.get(loan=loan)
    assert loan.status == "foreclosed" and payment.interest > D("602.15")
    # The payment took payment.interest off the receivable (602.15 accrued); the true-up,
    # dated the payment's day, recognises the rest: income = the interest collected.
    true_up = _sides("interest_accrual", loan, entry_date=on)
    assert true_up[ledger.INTEREST_RECEIVABLE] == (payment.interest - D("602.15"), ZERO)
    assert balance(ledger.INTEREST_RECEIVABLE, loan) == ZERO
    assert income(loan) == payment.interest
    # The month-end close after it posts nothing more for the loan.
    month_end_run(business_date=date(2026, 2, 28))
    assert income(loan) == payment.interest
    assert JournalEntry.objects.filter(loan=loan, kind="interest_accrual_reversal").count() == 0
