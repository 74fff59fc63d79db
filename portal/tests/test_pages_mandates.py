"""The borrower's auto-debit on the loan page and the sandbox bank's page."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from accounts.tests.factories import borrower
from lendingsite.dates import today_ist
from loans.models import LoanProduct
from loans.tests.factories import active_loan, pending_loan
from mandates.models import Mandate, MandateStatus, Presentation
from mandates.services import presentations_run
from mandates.tests.factories import active_mandate, callback, ensure_verified_account

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_borrower_sets_up_approves_sees_and_cancels():
    loan = pending_loan()
    ensure_verified_account(loan)
    client = _client(loan.borrower)
    answer = client.post(f"/loans/{loan.pk}/auto-debit/")
    mandate = Mandate.objects.get()
    assert answer.status_code == 302 and answer["Location"].endswith(
        f"/sandbox-bank/mandates/{mandate.reference}/"
    )
    page = client.get(answer["Location"])
    assert b"Approve the mandate" in page.content
    # Another borrower cannot open it.
    assert _client(borrower()).get(answer["Location"]).status_code == 404
    client.post(answer["Location"], {"decision": "approve"})
    mandate.refresh_from_db()
    assert mandate.status == MandateStatus.ACTIVE and mandate.umrn
    page = client.get(f"/loans/{loan.pk}/")
    assert b"Auto-debit" in page.content and mandate.umrn.encode() in page.content
    # Someone else's cancel is 404 and changes nothing.
    assert (
        _client(borrower()).post(f"/loans/{loan.pk}/auto-debit/{mandate.pk}/cancel/").status_code
        == 404
    )
    client.post(f"/loans/{loan.pk}/auto-debit/{mandate.pk}/cancel/")
    mandate.refresh_from_db()
    assert mandate.status == MandateStatus.CANCELLED


def test_a_bounce_shows_its_reason_charge_and_next_try(django_assert_max_num_queries):
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=40))
    LoanProduct.objects.filter(pk=loan.product_id).update(bounce_charge=Decimal("450.00"))
    active_mandate(loan)
    client = _client(loan.borrower)
    url = reverse("borrower:loan", args=[loan.pk])
    with django_assert_max_num_queries(60) as quiet:
        client.get(url)
    due = loan.installments.order_by("number").first().due_date
    presentations_run(business_date=due - timedelta(days=1))
    callback("debit.bounced", Presentation.objects.get().reference, reason_code="04")
    retry = Presentation.objects.get(attempt=2)
    with django_assert_max_num_queries(len(quiet) + 2):
        page = client.get(url).content.decode()
    assert "(code 04: balance insufficient)" in page
    assert "A bounce charge of ₹450.00 was added" in page
    assert f"We will ask your bank again on {retry.scheduled_on:%-d %b %Y}" in page
