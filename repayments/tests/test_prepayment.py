"""Prepayment through payment_post: reduce_tenure (the default) and reduce_emi, as stored
in the database (hand-worked arithmetic of the same rules: test_engine.py).

Loan: ₹1,00,000 at 14 % a year, 12 months, disbursed 10 Jan 2026; EMI 8978.71, row 1
paid on 10 Feb leaves 92187.96.
"""

from datetime import date
from decimal import Decimal

import pytest

from loans import ledger
from loans.models import Installment, Loan
from loans.schedule import equated_installment
from loans.tests.factories import ProductFactory, active_loan
from repayments.models import Charge, PaymentAllocation
from repayments.tests.factories import levy_penal, post_payment

D = Decimal
DISBURSED = date(2026, 1, 10)
EMI = D("8978.71")
PREPAID_ON = date(2026, 2, 20)


def _loan(strategy: str) -> Loan:
    loan = active_loan(
        disbursed_on=DISBURSED, tenure=12, product=ProductFactory(prepayment_strategy=strategy)
    )
    assert loan.prepayment_strategy == strategy
    post_payment(loan, amount=EMI, paid_on=date(2026, 2, 10))
    return loan


def _prepay(loan):
    payment = post_payment(loan, amount=D("30000.00"), paid_on=PREPAID_ON)
    installments = list(Installment.objects.filter(loan=loan).order_by("number"))
    return payment, installments, Loan.objects.get(pk=loan.pk)


def _split(amount: Decimal) -> tuple[Decimal, Decimal]:
    # 10 days after the 10 Feb due date: X = floor(amount / (1 + 14 * 10 / 36500)).
    factor = 1 + D(14 * 10) / D(36500)
    principal = (amount / factor).quantize(D("0.01"), rounding="ROUND_DOWN")
    return principal, amount - principal


@pytest.mark.django_db
def test_reduce_tenure_keeps_the_installment_and_shortens_the_loan():
    loan = _loan("reduce_tenure")
    payment, rows, loan = _prepay(loan)
    principal, interest = _split(D("30000.00"))
    # 30000 / (1 + 140/36500) = 29885.371.. -> 29885.37 principal, 114.63 interest
    assert (principal, interest) == (D("29885.37"), D("114.63"))
    assert (payment.principal, payment.interest, payment.excess) == (principal, interest, 0)
    balance = D("92187.96") - principal
    assert loan.principal_outstanding == balance == D("62302.59")
    assert ledger.account_balance(ledger.LOAN_PORTFOLIO, loan=loan) == balance

    prepay_row = rows[1]
    assert (prepay_row.due_date, prepay_row.principal_paid, prepay_row.interest_paid) == (
        PREPAID_ON,
        principal,
        interest,
    )
    future = rows[2:]
    # Fewest installments with EMI <= 8978.71 on 62302.59 at r = 14/1200: 7 would need
    # 9320.54, 8 need 8202.22. So 8 installments instead of the 11 left.
    k = len(future)
    assert k == 8
    assert equated_installment(balance, D(14), 8) == D("8202.22")
    assert equated_installment(balance, D(14), 7) == D("9320.54")
    assert [i.principal_due + i.interest_due for i in future[:-1]] == [D("8202.22")] * 7
    assert future[0].interest_due == D("726.86")  # 62302.59 * 14 / 1200 = 726.8636
    assert [i.due_date for i in future] == [date(2026, m, 10) for m in range(3, 3 + k)]
    assert [i.number for i in rows] == list(range(1, len(rows) + 1))
    assert sum(i.principal_due for i in rows) == D("100000.00")
    assert PaymentAllocation.objects.get(payment=payment).installment == prepay_row


@pytest.mark.django_db
def test_reduce_emi_keeps_the_tenure_and_lowers_the_installment():
    loan = _loan("reduce_emi")
    _, rows, loan = _prepay(loan)
    balance = D("92187.96") - D("29885.37")
    assert loan.principal_outstanding == balance
    future = rows[2:]
    assert len(future) == 11  # still eleven installments, 10 Mar 2026 .. 10 Jan 2027
    assert future[-1].due_date == date(2027, 1, 10)
    # 62302.59 * r * (1+r)^11 / ((1+r)^11 - 1), r = 14/1200
    new_emi = equated_installment(balance, D(14), 11)
    assert all(i.principal_due + i.interest_due == new_emi for i in future[:-1])
    assert new_emi < EMI
    assert future[0].interest_due == (balance * 14 / 1200).quantize(D("0.01"))
    assert sum(i.principal_due for i in rows) == D("100000.00")


@pytest.mark.django_db
def test_paying_before_the_due_date_is_a_prepayment():
    loan = active_loan(disbursed_on=DISBURSED, tenure=12)
    payment = post_payment(loan, amount=EMI, paid_on=date(2026, 2, 7))
    # Nothing is due on 7 Feb: the whole payment reduces principal (with 28 days' interest
    # on it), and installment 1 is still due on 10 Feb, now on a lower balance.
    assert payment.principal + payment.interest == EMI
    assert payment.interest > 0
    first = Installment.objects.filter(loan=loan).order_by("number").first()
    assert (first.due_date, first.principal_paid) == (date(2026, 2, 7), payment.principal)
    second = Installment.objects.get(loan=loan, number=2)
    assert second.due_date == date(2026, 2, 10)
    assert second.principal_paid == 0


@pytest.mark.django_db
def test_a_charge_follows_its_installment_when_a_backdated_prepayment_renumbers_rows():
    loan = active_loan(disbursed_on=DISBURSED, tenure=12)
    post_payment(loan, amount=EMI, paid_on=date(2026, 2, 10))
    charge = levy_penal(loan, number=2, amount=D("500.00"), charged_on=date(2026, 3, 12))
    # Posted on 14 Mar, dated 8 Mar: nothing was due that day, so it is a prepayment whose
    # row (dated 8 Mar) becomes installment 2; the 10 Mar installment moves to number 3.
    post_payment(
        loan, amount=D("5000.00"), paid_on=date(2026, 3, 8), business_date=date(2026, 3, 14)
    )
    charge = Charge.objects.get(pk=charge.pk)
    assert (charge.installment.number, charge.installment.due_date) == (3, date(2026, 3, 10))
    assert charge.installment.penal_due == D("500.00")
    prepayment_row = Installment.objects.get(loan=loan, number=2)
    assert (prepayment_row.due_date, prepayment_row.penal_due) == (date(2026, 3, 8), 0)
    assert sum(i.penal_due for i in Installment.objects.filter(loan=loan)) == D("500.00")
