"""foreclosure_quote and closing a loan early; closing on the last installment.

Loan: ₹1,00,000 at 14 % a year, 12 months, disbursed 10 Jan 2026. Row 1: interest
100000 * 14/1200 = 1166.67, principal 7812.04 (EMI 8978.71), balance 92187.96. Row 2:
interest 92187.96 * 14/1200 = 1075.53, principal 7903.18, balance 84284.78.
"""

from datetime import date
from decimal import Decimal

import pytest

from accounts.models import AuditEvent
from lendingsite.errors import DomainError
from loans import ledger
from loans.models import Installment, Loan
from loans.tests.factories import active_loan
from repayments.selectors import credit_balance, foreclosure_quote
from repayments.tests.factories import levy_penal, post_payment, reverse_payment

D = Decimal
DISBURSED = date(2026, 1, 10)
EMI = D("8978.71")


def fresh(loan) -> Loan:
    return Loan.objects.get(pk=loan.pk)


@pytest.fixture
def loan():
    loan = active_loan(disbursed_on=DISBURSED, tenure=12)
    post_payment(loan, amount=EMI, paid_on=date(2026, 2, 10))
    return fresh(loan)


@pytest.mark.django_db
def test_quote_between_due_dates(loan):
    quote = foreclosure_quote(loan=loan, as_of=date(2026, 2, 25))
    # Row 1 is paid; 92187.96 is not yet due. 15 days since 10 Feb:
    # 92187.96 * 14 * 15 / 36500 = 530.3965.. -> 530.40
    assert (quote.principal, quote.interest, quote.accrued_interest) == (
        D("92187.96"),
        D("530.40"),
        D("530.40"),
    )
    assert (quote.penal, quote.fees) == (D("0.00"), D("0.00"))
    assert quote.total == D("92718.36")
    assert quote.as_dict() == {
        "as_of": "2026-02-25",
        "principal": "92187.96",
        "interest": "530.40",
        "penal": "0.00",
        "fees": "0.00",
        "accrued_interest": "530.40",
        "total": "92718.36",
    }


@pytest.mark.django_db
def test_quote_with_an_overdue_installment_and_a_penal_charge(loan):
    levy_penal(loan, number=2, amount=D("500.00"), charged_on=date(2026, 3, 13))
    quote = foreclosure_quote(fresh(loan), as_of=date(2026, 3, 15))
    # Row 2 (due 10 Mar) is unpaid: its interest 1075.53 is owed; interest accrues only on
    # the 84284.78 not yet due: 84284.78 * 14 * 5 / 36500 = 161.642.. -> 161.64.
    assert quote.principal == D("92187.96")
    assert quote.accrued_interest == D("161.64")
    assert quote.interest == D("1075.53") + D("161.64")
    assert quote.penal == D("500.00")
    assert quote.total == D("92187.96") + D("1237.17") + D("500.00") == D("93925.13")


@pytest.mark.django_db
def test_quote_on_a_due_date_accrues_nothing(loan):
    quote = foreclosure_quote(loan=loan, as_of=date(2026, 3, 10))
    assert quote.accrued_interest == D("0.00")
    assert quote.interest == D("1075.53")  # row 2's interest, due that day


@pytest.mark.django_db
def test_paying_the_quote_forecloses_and_the_rest_is_credit(loan):
    day = date(2026, 2, 25)
    quote = foreclosure_quote(loan=loan, as_of=day)
    payment = post_payment(loan, amount=quote.total + D("100.00"), paid_on=day)
    loan = fresh(loan)
    assert (loan.status, loan.closed_on, loan.principal_outstanding) == (
        "foreclosed",
        day,
        D("0.00"),
    )
    assert (payment.principal, payment.interest, payment.excess) == (
        D("92187.96"),
        D("530.40"),
        D("100.00"),
    )
    assert ledger.account_balance(ledger.LOAN_PORTFOLIO, loan=loan) == 0
    assert credit_balance(loan) == D("100.00")
    installments = list(Installment.objects.filter(loan=loan).order_by("number"))
    # Row 1 and the foreclosure row; the ten future installments are gone.
    assert [(i.number, i.due_date) for i in installments] == [
        (1, date(2026, 2, 10)),
        (2, day),
    ]
    assert all(i.outstanding == 0 for i in installments)
    event = AuditEvent.objects.filter(action="payment.posted").latest("id")
    assert event.after["loan_status"] == "foreclosed"
    with pytest.raises(DomainError) as closed:
        foreclosure_quote(loan=loan, as_of=day)
    assert closed.value.code == "invalid_state"


@pytest.mark.django_db
def test_a_paisa_less_is_a_prepayment_not_a_foreclosure(loan):
    day = date(2026, 2, 25)
    quote = foreclosure_quote(loan=loan, as_of=day)
    post_payment(loan, amount=quote.total - D("0.01"), paid_on=day)
    loan = fresh(loan)
    assert loan.status == "active"
    assert D("0") < loan.principal_outstanding <= D("0.02")


@pytest.mark.django_db
def test_reversing_the_foreclosure_reopens_the_loan(loan):
    day = date(2026, 2, 25)
    before = list(Installment.objects.filter(loan=loan).order_by("number").values_list())
    payment = post_payment(loan, amount=foreclosure_quote(loan=loan, as_of=day).total, paid_on=day)
    assert fresh(loan).status == "foreclosed"
    reverse_payment(payment)
    loan = fresh(loan)
    assert (loan.status, loan.closed_on, loan.principal_outstanding) == (
        "active",
        None,
        D("92187.96"),
    )
    assert [r[2:] for r in Installment.objects.filter(loan=loan).values_list()] == [
        r[2:] for r in before
    ]


@pytest.mark.django_db
def test_last_installment_closes_the_loan_as_closed():
    loan = active_loan(disbursed_on=DISBURSED, tenure=3)
    rows = list(Installment.objects.filter(loan=loan).order_by("number"))
    for row in rows:
        post_payment(loan, amount=row.total_due, paid_on=row.due_date)
        assert fresh(loan).status == ("closed" if row is rows[-1] else "active")
    loan = fresh(loan)
    assert (loan.closed_on, loan.principal_outstanding) == (rows[-1].due_date, D("0.00"))
    assert credit_balance(loan) == 0


@pytest.mark.django_db
def test_quote_before_disbursement_refused(loan):
    with pytest.raises(DomainError) as caught:
        foreclosure_quote(loan=loan, as_of=date(2026, 1, 9))
    assert caught.value.code == "validation_error"
