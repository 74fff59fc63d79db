"""The pay page (/loans/<id>/pay/): payment instructions with the loan's reference, the
amount due now, and "Pay now" through the sandbox gateway's signed webhook."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from lendingsite.dates import today_ist
from lendingsite.money import format_inr
from loans.models import Installment
from loans.tests.factories import active_loan, kyc_verified_borrower, pending_loan
from portal.views.pay import PayNowForm
from repayments.models import Channel, Payment, PaymentSource

pytestmark = pytest.mark.django_db


def _url(loan) -> str:
    return reverse("borrower:pay", args=[loan.pk])


def _get(client, loan) -> str:
    client.force_login(loan.borrower)
    response = client.get(_url(loan))
    assert response.status_code == 200
    return response.content.decode()


def test_url_name_login_and_other_borrowers(client):
    loan = active_loan()
    assert _url(loan) == f"/loans/{loan.pk}/pay/"
    response = client.get(_url(loan))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    client.force_login(kyc_verified_borrower())
    assert client.get(_url(loan)).status_code == 404
    assert client.post(_url(loan), {"amount": "100"}).status_code == 404
    assert not Payment.objects.exists()


def test_instructions_with_the_loans_reference(client, settings):
    settings.PAYMENT_INSTRUCTIONS = {
        "upi_id": "repay@testbank",
        "account_name": "Test Lender Ltd",
        "account_number": "123456789012",
        "ifsc": "TEST0000123",
        "bank_name": "Test Bank",
    }
    loan = active_loan()
    html = _get(client, loan)
    for text in ("repay@testbank", "Test Lender Ltd", "123456789012", "TEST0000123", "Test Bank"):
        assert text in html
    assert html.count(f"LS-{loan.pk}") >= 3  # the note, the UPI remark, the bank remark


def test_nothing_due_yet_prefills_the_next_installment(client):
    loan = active_loan()  # disbursed today
    first = Installment.objects.get(loan=loan, number=1)
    html = _get(client, loan)
    assert '<dd class="amount-due">₹0.00</dd>' in html
    assert "Nothing is due yet" in html
    assert f'value="{first.principal_due + first.interest_due}"' in html


def test_amount_due_now_is_what_is_overdue(client):
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=70))
    rows = list(Installment.objects.filter(loan=loan).order_by("number")[:2])
    due = sum(r.principal_due + r.interest_due for r in rows)
    html = _get(client, loan)
    assert f'<dd class="amount-due">{format_inr(due)}</dd>' in html
    assert f'value="{due}"' in html


def test_pay_now_posts_through_the_signed_webhook_and_shows_on_the_loan(client):
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=2))
    client.force_login(loan.borrower)
    response = client.post(_url(loan), {"amount": "2,500.50"})
    assert response.status_code == 302
    assert response["Location"] == reverse("borrower:loan", args=[loan.pk])

    payment = Payment.objects.get()
    # Posted by the webhook path, not by the page: the gateway's source, provider and id.
    assert payment.source == PaymentSource.WEBHOOK
    assert payment.provider == "sandbox" and payment.provider_payment_id.startswith("sbx_")
    assert payment.channel == Channel.GATEWAY
    assert payment.utr == f"sandbox:{payment.provider_payment_id}".upper()
    assert payment.amount == Decimal("2500.50") and payment.paid_on == today_ist()
    assert payment.received_by is None
    assert AuditEvent.objects.filter(action="payment.posted", target_id=str(payment.pk)).exists()

    html = client.get(response["Location"]).content.decode()
    assert "Thank you: your payment of ₹2,500.50 is received" in html
    assert payment.utr in html.split('id="payments-title"', 1)[1]

    # A second payment gets its own gateway id (UTRs are unique).
    assert client.post(_url(loan), {"amount": "100"}).status_code == 302
    assert Payment.objects.count() == 2


def test_bad_amounts_are_form_errors_and_post_nothing(client):
    loan = active_loan()
    client.force_login(loan.borrower)
    cases = {
        "": "Enter the amount you want to pay.",
        "abc": "Enter an amount in rupees, like 5000 or 5,000.50.",
        "0": "The amount must be at least ₹1.",
        "10.001": "Use at most 2 decimal places (paise).",
        "10.000": "Use at most 2 decimal places (paise).",
        "9999999999999": "That amount is too large.",
        "-5": "The amount must be at least ₹1.",
    }
    # What Python's Decimal reads but nobody writes as an amount ("1e3" was ₹1,000.00).
    for amount in ("1e3", "1E3", "NaN", "Infinity", "0x10", "+500", "5 000", "5,0000"):
        cases[amount] = "Enter an amount in rupees, like 5000 or 5,000.50."
    cases["\uff15\uff10\uff10"] = "Enter an amount in rupees, like 5000 or 5,000.50."
    for amount, message in cases.items():
        response = client.post(_url(loan), {"amount": amount})
        assert response.status_code == 200
        assert response.context["form"].errors["amount"] == [message]
        assert 'aria-describedby="id_amount_helptext id_amount_error"' in (
            response.content.decode()
        )
    assert not Payment.objects.exists()


@pytest.mark.parametrize("amount", ["5,000.50", "₹ 5,000.50", " 5000.50 ", "5000.5", "5000.50"])
def test_amounts_as_people_write_them_are_read(amount):
    form = PayNowForm(data={"amount": amount})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["amount"] == Decimal("5000.50")


def test_a_refusal_from_payment_post_is_shown_in_its_words(client):
    loan = active_loan()
    client.force_login(loan.borrower)
    response = client.post(_url(loan), {"amount": "200000000"})  # ₹20 crore: over the limit
    assert response.status_code == 422
    [message] = response.context["form"].errors["amount"]
    assert message.startswith("A payment must be between ₹1.00 and")
    assert 'id="id_amount_error"' in response.content.decode()
    assert not Payment.objects.exists()


def test_without_a_sandbox_secret_only_manual_instructions(client, settings):
    settings.PAYMENT_WEBHOOK_SECRETS = {}
    loan = active_loan()
    html = _get(client, loan)
    assert "Pay now online" not in html
    assert "Pay by UPI or bank transfer" in html
    response = client.post(_url(loan), {"amount": "100"})
    assert response.status_code == 409
    assert "Paying online is not available here" in response.content.decode()
    assert not Payment.objects.exists()


def test_a_loan_not_yet_paid_out_has_nothing_to_pay(client):
    loan = pending_loan()
    html = _get(client, loan)
    assert "there is nothing to pay" in html
    assert "Pay now" not in html


def test_query_count(client, django_assert_max_num_queries):
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=70))
    client.force_login(loan.borrower)
    with django_assert_max_num_queries(6):  # +1: the header's unread count (messaging)
        assert client.get(_url(loan)).status_code == 200


def test_an_installment_due_today_is_due_now_but_not_overdue(client, monkeypatch):
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=70))
    rows = list(Installment.objects.filter(loan=loan).order_by("number"))
    # Seen on the second due date: the first is overdue, the second due today (not late).
    monkeypatch.setattr("portal.views.pay.today_ist", lambda: rows[1].due_date)
    html = _get(client, loan)
    owed = rows[0].total_due + rows[1].total_due
    assert f'<dd class="amount-due">{format_inr(owed)}</dd>' in html
    assert f"{format_inr(rows[0].total_due)} since" in html  # overdue: the first only
    assert "(1 day late)" not in html
    days = (rows[1].due_date - rows[0].due_date).days
    assert f"({days} days late)" in html
    assert (
        f'{format_inr(rows[1].total_due)} by <time datetime="{rows[1].due_date:%Y-%m-%d}">' in html
    )
    assert f'value="{owed}"' in html
