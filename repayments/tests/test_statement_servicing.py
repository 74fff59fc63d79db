"""What the borrower reads about distress servicing: the statement's rows (a payment
holiday with its interest, a settlement agreed and broken) and the loan page's words (a
holiday's installments, a restructure's new installment, the addendum of a restructure by
installment amount)."""

from datetime import timedelta
from decimal import Decimal

import pytest

from accounts.roles import COLLECTIONS_MANAGER, CREDIT_MANAGER
from accounts.tests.factories import staff
from lendingsite.dates import today_ist
from lendingsite.money import format_inr
from loans.models import Loan
from loans.tests.factories import active_loan
from repayments.services.servicing.moratoria import moratorium_create, moratorium_run
from repayments.services.servicing.proposals import proposal_approve
from repayments.services.servicing.reschedules import loan_restructure_propose
from repayments.services.servicing.settlements import (
    loan_settlement_propose,
    settlements_break_due,
)
from repayments.statements import statement_build

pytestmark = pytest.mark.django_db
D = Decimal


def _descriptions(loan, as_of=None) -> list[str]:
    statement = statement_build(Loan.objects.get(pk=loan.pk), as_of=as_of)
    return [r.description for r in statement.rows]


def test_a_payment_holiday_on_the_statement_and_the_loan_page(client):
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=10))
    moratorium = moratorium_create(
        acting_user=staff(CREDIT_MANAGER),
        name="Flood relief",
        start=today_ist(),
        installments=3,
        loan_ids=[loan.pk],
    )
    moratorium_run(moratorium=moratorium)
    interest = loan.reschedules.get().holiday_interest
    assert interest > 0
    (line,) = [d for d in _descriptions(loan) if d.startswith("Payment holiday")]
    assert line == (
        "Payment holiday: 3 installments deferred, later installments moved; holiday "
        f"interest {format_inr(interest, symbol=False)} spread over them"
    )
    client.force_login(loan.borrower)
    html = client.get(f"/loans/{loan.pk}/").content.decode()
    assert "3 installments from" in html and "deferred" in html
    assert "does not count as late" in html


def test_a_settlement_agreed_then_broken_on_the_statement():
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=70))
    today = today_ist()
    proposal = loan_settlement_propose(
        acting_user=staff(COLLECTIONS_MANAGER),
        loan=loan,
        amount=D("20000.00"),
        grace_days=0,
        reason="x",
    )
    proposal_approve(acting_user=staff(CREDIT_MANAGER), proposal=proposal)
    lines = _descriptions(loan)
    assert any(d.startswith("Settlement agreed: 20,000.00 instead of the ") for d in lines)
    assert settlements_break_due(business_date=today + timedelta(days=31)) == 1
    assert (
        "Settlement ended: a payment was missed; the full dues apply again, less what was paid"
        in _descriptions(loan, as_of=today + timedelta(days=31))
    )


def test_the_addendum_of_a_restructure_by_installment_amount_says_it_in_words(client):
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=40))
    proposal = loan_restructure_propose(
        acting_user=staff(CREDIT_MANAGER),
        loan=loan,
        annual_rate=D("12"),
        installment=D("4000.00"),
        reason="x",
    )
    proposal_approve(acting_user=staff(COLLECTIONS_MANAGER), proposal=proposal)
    addendum = loan.reschedules.get()
    client.force_login(loan.borrower)
    html = client.get(f"/loans/{loan.pk}/").content.decode()
    assert f"You asked to pay at most {format_inr(D('4000.00'))} a month" in html
    regular = [
        D(r["principal_due"]) + D(r["interest_due"])
        for r in addendum.base_rows
        if r["due_date"] > addendum.effective_on.isoformat()
    ]
    assert max(regular[1:]) <= D("4000.00")
    assert f"{addendum.tenure} installments of {format_inr(regular[1])}" in html


def test_a_written_off_loan_page_says_all_of_it_is_due_and_a_restructure_shows_its_rate(client):
    from repayments.services.servicing.reschedules import restructure_accept
    from repayments.services.servicing.writeoffs import loan_write_off_propose

    loan = active_loan(disbursed_on=today_ist() - timedelta(days=100))
    proposal = loan_write_off_propose(acting_user=staff(CREDIT_MANAGER), loan=loan, reason="x")
    proposal_approve(acting_user=staff(COLLECTIONS_MANAGER), proposal=proposal)
    claim = Loan.objects.get(pk=loan.pk).write_off_record.claim_outstanding
    client.force_login(loan.borrower)
    html = client.get(f"/loans/{loan.pk}/").content.decode()
    assert f"<dt>Owed now (all of it is due)</dt><dd>{format_inr(claim)}</dd>" in html
    assert "Principal still owed" not in html  # the book's ₹0 would mislead

    other = active_loan(disbursed_on=today_ist() - timedelta(days=40))
    proposal = loan_restructure_propose(
        acting_user=staff(CREDIT_MANAGER), loan=other, annual_rate=D("9.5"), tenure=20, reason="x"
    )
    proposal_approve(acting_user=staff(COLLECTIONS_MANAGER), proposal=proposal)
    restructure_accept(acting_user=other.borrower, reschedule=other.reschedules.get())
    client.force_login(other.borrower)
    html = client.get(f"/loans/{other.pk}/").content.decode()
    assert f"9.5% a year since {today_ist():%-d %b %Y}" in html
