"""The cooling-off exit on the borrower's loan page: a button that asks (no reference to
type), then the amount, the deadline and where to pay, until the money arrives."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse

from lendingsite.dates import today_ist
from lendingsite.money import format_inr
from loans.models import Loan, LoanStatus
from loans.services.loans import cooling_off_amount
from loans.tests.factories import active_loan, kyc_verified_borrower
from repayments.models import ExitRequest, ExitRequestStatus
from repayments.services.exits import exit_requests_lapse
from repayments.tests.factories import money_snapshot, post_payment

pytestmark = pytest.mark.django_db


def page(client, loan) -> str:
    client.force_login(loan.borrower)
    response = client.get(reverse("borrower:loan", args=[loan.pk]))
    assert response.status_code == 200
    return response.content.decode()


def ask(client, loan, data=None):
    client.force_login(loan.borrower)
    return client.post(reverse("borrower:exit", args=[loan.pk]), data or {}, follow=True)


def assert_no_inline_code(html: str) -> None:
    assert "style=" not in html and "<style" not in html
    assert not re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html)


def test_changed_your_mind_is_a_button_without_a_reference_to_type(client):
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=1))
    html = page(client, loan)
    assert "Changed your mind?" in html
    assert "Ask to cancel this loan" in html
    assert f'action="/loans/{loan.pk}/exit/"' in html
    assert 'name="reference"' not in html and 'name="confirm"' not in html
    today = cooling_off_amount(loan, on=today_ist())
    assert format_inr(today["interest"]) in html
    assert_no_inline_code(html)


def test_asking_shows_the_amount_deadline_and_where_to_pay(client, settings):
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=1))
    before = money_snapshot(loan)
    response = ask(client, loan)
    assert response.redirect_chain[-1][0] == f"/loans/{loan.pk}/#exit-title"
    html = response.content.decode()
    request = ExitRequest.objects.get()
    assert f"We have your request to cancel loan #{loan.pk}" in html
    assert f"pay {format_inr(request.amount)} by {request.pay_by:%-d %b %Y}" in html
    for n in range(4):
        day = today_ist() + timedelta(days=n)
        assert format_inr(cooling_off_amount(loan, on=day)["total"]) in html
    for key in ("upi_id", "account_number", "ifsc"):
        assert settings.PAYMENT_INSTRUCTIONS[key] in html
    assert request.reference in html
    today_total = cooling_off_amount(loan, on=today_ist())["total"]
    assert f"Pay {format_inr(today_total)} now" in html
    assert f'name="amount" value="{today_total}"' in html
    assert "Ask to cancel this loan" not in html
    assert Loan.objects.get(pk=loan.pk).status == LoanStatus.ACTIVE
    assert money_snapshot(loan) == before
    assert_no_inline_code(html)


def test_a_fake_reference_never_cancels_the_loan(client):
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=1))
    before = money_snapshot(loan)
    client.force_login(loan.borrower)
    # The old form's address no longer exists.
    old = client.post(f"/loans/{loan.pk}/cancel/", {"reference": "FAKE-REF-123", "confirm": "on"})
    assert old.status_code == 404
    # Whatever the exit button's form carries, it only asks.
    ask(client, loan, {"reference": "FAKE-REF-123", "confirm": "on", "amount": "1"})
    assert Loan.objects.get(pk=loan.pk).status == LoanStatus.ACTIVE
    assert ExitRequest.objects.get().status == ExitRequestStatus.OPEN
    assert money_snapshot(loan) == before
    assert "Cancelled (cooling-off)" not in page(client, loan)


def test_paying_now_through_the_sandbox_gateway_cancels_the_loan(client):
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=1))
    ask(client, loan)
    amount = cooling_off_amount(loan, on=today_ist())["total"]
    response = client.post(
        reverse("borrower:pay", args=[loan.pk]), {"amount": str(amount)}, follow=True
    )
    html = response.content.decode()
    assert f"Loan #{loan.pk} is cancelled, as you asked" in html
    assert "This loan is cancelled" in html
    assert "Cancelled (cooling-off)" in html
    loan = Loan.objects.get(pk=loan.pk)
    assert loan.status == LoanStatus.CANCELLED
    assert ExitRequest.objects.get().payment.source == "webhook"
    assert f'href="/loans/{loan.pk}/pay/"' not in html


def test_a_refusal_is_said_in_plain_words(client):
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=5))  # 3 days: over
    assert "Ask to cancel this loan" not in page(client, loan)
    html = ask(client, loan).content.decode()
    assert f"The cooling-off period of loan #{loan.pk} ended on" in html
    assert not ExitRequest.objects.exists()


def test_other_borrowers_get_404(client):
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=1))
    client.force_login(kyc_verified_borrower())
    assert client.post(reverse("borrower:exit", args=[loan.pk])).status_code == 404
    assert not ExitRequest.objects.exists()


def test_a_lapsed_request_is_explained(client):
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=3))
    ask(client, loan)
    exit_requests_lapse(business_date=today_ist() + timedelta(days=4))
    html = page(client, loan)
    # Still inside the cooling-off period today: the borrower may ask again.
    assert "Your earlier request was not paid by" in html
    assert "Ask to cancel this loan" in html


def test_a_part_payment_shows_what_is_left(client):
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=1))
    ask(client, loan)
    post_payment(
        loan, amount=cooling_off_amount(loan, on=today_ist())["total"] - 800, paid_on=today_ist()
    )
    html = page(client, loan)
    assert "Pay ₹800.00 now" in html
    assert Loan.objects.get(pk=loan.pk).status == LoanStatus.ACTIVE


def test_query_count_with_an_open_request(client, django_assert_max_num_queries):
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=1))
    ask(client, loan)
    client.force_login(loan.borrower)
    # 9: the header's unread count (messaging), the servicing notice
    # (repayments.selectors.loan_servicing asks once whether the loan has any proposal) and
    # the auto-debit section (mandates.live_mandate; bounces only when there is a mandate).
    with django_assert_max_num_queries(9):
        response = client.get(reverse("borrower:loan", args=[loan.pk]))
    assert "Pay ₹" in response.content.decode()


def test_the_pay_page_offers_what_cancels_the_loan_today(client):
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=1))
    client.force_login(loan.borrower)
    plain = client.get(reverse("borrower:pay", args=[loan.pk]))
    assert "You asked to cancel this loan" not in plain.content.decode()
    ask(client, loan)
    response = client.get(reverse("borrower:pay", args=[loan.pk]))
    today = cooling_off_amount(loan, on=today_ist())["total"]
    assert response.context["form"].initial == {"amount": today}
    html = response.content.decode()
    assert "You asked to cancel this loan" in html and format_inr(today) in html
    assert_no_inline_code(html)
