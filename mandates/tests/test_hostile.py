"""Hostile input to the mandate API and pages: the wrong user, nonsense amounts and dates,
a made-up bank answer. Each is a stable problem+json code or a plain-words message, never a
500, and nothing is written."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from accounts.tests.factories import borrower
from loans.tests.factories import pending_loan
from mandates.models import Mandate, MandateStatus
from mandates.tests.factories import active_mandate, ensure_verified_account

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def loan():
    loan = pending_loan()
    ensure_verified_account(loan)
    return loan


def _register(loan, key, **fields):
    return client_for(loan.borrower).post(
        "/api/v1/mandates/", {"loan": loan.pk, **fields}, format="json", HTTP_IDEMPOTENCY_KEY=key
    )


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"max_amount": "-500.00"}, "max_amount"),
        ({"max_amount": "0"}, "max_amount"),
        ({"max_amount": "99999999999999999999.00"}, "max_amount"),
        ({"max_amount": "lots"}, "max_amount"),
        ({"max_amount": "1,00,000.00"}, "max_amount"),
        ({"max_amount": "NaN"}, "max_amount"),
        ({"max_amount": "Infinity"}, "max_amount"),
        ({"max_amount": "1e3"}, "max_amount"),
        ({"max_amount": "1E3"}, "max_amount"),
        ({"max_amount": "0x10"}, "max_amount"),
        ({"max_amount": "+500.00"}, "max_amount"),
        ({"max_amount": "5 000"}, "max_amount"),
        ({"max_amount": "500.000"}, "max_amount"),
        ({"start_on": "2026-06-01", "end_on": "2026-05-01"}, "end_on"),
        ({"start_on": "01/06/2026"}, "start_on"),
        ({"frequency": "DAILY"}, "frequency"),
    ],
)
def test_bad_mandate_input_is_a_validation_error_and_writes_nothing(loan, fields, field):
    answer = _register(loan, f"bad-{field}-{sorted(fields.items())}", **fields)
    assert answer.status_code == 400, answer.content
    assert answer["Content-Type"].startswith("application/problem+json")
    assert answer.json()["code"] == "validation_error"
    assert field in answer.json()["errors"]
    assert not Mandate.objects.exists()


def test_a_borrower_cannot_cancel_another_borrowers_mandate():
    mandate = active_mandate()
    stranger = borrower()
    answer = client_for(stranger).post(
        f"/api/v1/mandates/{mandate.pk}/cancel/", {}, format="json", HTTP_IDEMPOTENCY_KEY="x-1"
    )
    assert (answer.status_code, answer.json()["code"]) == (404, "not_found")
    # Nor through the loan page's form, even naming the right loan.
    page = Client()
    page.force_login(stranger)
    answer = page.post(reverse("borrower:mandate_cancel", args=[mandate.loan_id, mandate.pk]))
    assert answer.status_code == 404
    mandate.refresh_from_db()
    assert mandate.status == MandateStatus.ACTIVE


def test_the_sandbox_bank_page_refuses_a_made_up_reason_code(loan):
    answer = _register(loan, "sbx-1")
    reference = answer.json()["reference"]
    page = Client()
    page.force_login(loan.borrower)
    answer = page.post(
        reverse("borrower:mandate_sandbox_bank", args=[reference]),
        {"decision": "refuse", "reason_code": "ZZ99"},
    )
    assert answer.status_code == 200
    assert b"is not a rejection code the bank uses" in answer.content
    assert Mandate.objects.get().status == MandateStatus.INITIATED
