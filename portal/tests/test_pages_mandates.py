"""The borrower's auto-debit on the loan page and the sandbox bank's page."""

import pytest
from django.test import Client

from accounts.tests.factories import borrower
from loans.tests.factories import pending_loan
from mandates.models import Mandate, MandateStatus
from mandates.tests.factories import ensure_verified_account

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
