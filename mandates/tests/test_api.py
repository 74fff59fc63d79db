"""The mandates API and the adapters' signed callbacks over HTTP."""

import pytest
from django.test import Client
from rest_framework.test import APIClient

from accounts.models import AuditEvent
from accounts.roles import LOAN_OFFICER
from accounts.tests.factories import borrower, staff
from loans.tests.factories import pending_loan
from mandates.adapters import sandbox_body, sandbox_sign
from mandates.models import Mandate, MandateStatus
from mandates.tests.factories import active_mandate, ensure_verified_account

pytestmark = pytest.mark.django_db
HOOK = "/api/v1/mandates/webhooks/sandbox/"


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def _headers(headers: dict) -> dict:
    return {
        f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items() if k != "Content-Type"
    }


def test_borrower_registers_and_the_signed_callback_activates():
    loan = pending_loan()
    ensure_verified_account(loan)
    answer = client_for(loan.borrower).post(
        "/api/v1/mandates/", {"loan": loan.pk}, format="json", HTTP_IDEMPOTENCY_KEY="m-1"
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["status"] == "initiated"
    assert "/sandbox-bank/mandates/" in answer.json()["approval_url"]
    body = sandbox_body(
        event="mandate.approved", reference=answer.json()["reference"], umrn="UMRN1"
    )
    hook = Client().post(
        HOOK, body, content_type="application/json", **_headers(sandbox_sign(body))
    )
    assert (hook.status_code, hook.json()["status"]) == (200, "applied")
    assert Mandate.objects.get().status == MandateStatus.ACTIVE


def test_bad_signature_refused_and_changes_nothing():
    loan = pending_loan()
    ensure_verified_account(loan)
    mandate = (
        client_for(loan.borrower)
        .post("/api/v1/mandates/", {"loan": loan.pk}, format="json", HTTP_IDEMPOTENCY_KEY="m-2")
        .json()
    )
    body = sandbox_body(event="mandate.approved", reference=mandate["reference"], umrn="UMRN1")
    headers = sandbox_sign(body)
    headers["X-Lendingsite-Signature"] = "0" * 64
    hook = Client().post(HOOK, body, content_type="application/json", **_headers(headers))
    assert hook.status_code == 401
    assert hook.json()["code"] == "not_authenticated"
    assert Mandate.objects.get().status == MandateStatus.INITIATED
    assert AuditEvent.objects.filter(action="mandate_webhook.rejected").exists()
    # A tampered body under a genuine signature is refused too.
    tampered = body.replace(b"UMRN1", b"UMRN2")
    hook = Client().post(
        HOOK, tampered, content_type="application/json", **_headers(sandbox_sign(body))
    )
    assert hook.status_code == 401


def test_wrong_user_refused():
    mandate = active_mandate()
    stranger = client_for(borrower())
    assert stranger.get(f"/api/v1/mandates/{mandate.pk}/").status_code == 404
    answer = stranger.post(
        f"/api/v1/mandates/{mandate.pk}/cancel/", {}, format="json", HTTP_IDEMPOTENCY_KEY="c-1"
    )
    assert answer.status_code == 404
    answer = stranger.post(
        "/api/v1/mandates/", {"loan": mandate.loan_id}, format="json", HTTP_IDEMPOTENCY_KEY="c-2"
    )
    assert answer.status_code == 404
    # The owner may not pause (an officer's act): 403.
    owner = client_for(mandate.loan.borrower)
    answer = owner.post(
        f"/api/v1/mandates/{mandate.pk}/pause/",
        {"code": "officer"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="c-3",
    )
    assert (answer.status_code, answer.json()["code"]) == (403, "permission_denied")
    mandate.refresh_from_db()
    assert mandate.status == MandateStatus.ACTIVE
    assert stranger.get("/api/v1/mandates/").json()["count"] == 0


def test_officer_pauses_and_resumes_over_the_api():
    mandate = active_mandate()
    officer = client_for(staff(LOAN_OFFICER))
    answer = officer.post(
        f"/api/v1/mandates/{mandate.pk}/pause/",
        {"code": "moratorium"},
        format="json",
        HTTP_IDEMPOTENCY_KEY="p-1",
    )
    assert (answer.status_code, answer.json()["status"]) == (200, "paused")
    answer = officer.post(
        f"/api/v1/mandates/{mandate.pk}/resume/", {}, format="json", HTTP_IDEMPOTENCY_KEY="p-2"
    )
    assert (answer.status_code, answer.json()["status"]) == (200, "active")
    assert officer.get("/api/v1/presentations/").status_code == 200


def test_unverified_account_is_409():
    loan = pending_loan()
    from accounts.models import BankAccount, BankAccountStatus

    BankAccount.objects.filter(profile__user=loan.borrower).update(status=BankAccountStatus.PENDING)
    answer = client_for(loan.borrower).post(
        "/api/v1/mandates/", {"loan": loan.pk}, format="json", HTTP_IDEMPOTENCY_KEY="m-3"
    )
    assert (answer.status_code, answer.json()["code"]) == (409, "account_not_verified")
