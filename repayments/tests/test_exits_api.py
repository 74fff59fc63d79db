"""Cooling-off exits through the API: POST/GET /api/v1/loans/{id}/exit-requests/, the
retired cooling-off-cancel endpoint, and the money arriving by a signed gateway webhook."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.test import Client
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken

from accounts.roles import COLLECTOR, FINANCE
from accounts.tests.factories import staff
from lendingsite.dates import today_ist
from lendingsite.idempotency import REPLAYED_HEADER
from loans.models import Loan, LoanStatus
from loans.services.loans import cooling_off_amount
from loans.tests.factories import active_loan, kyc_verified_borrower
from repayments.gateways import sandbox_sign
from repayments.gateways.sandbox import sandbox_payload
from repayments.models import ExitRequest, ExitRequestStatus, Payment, PaymentSource
from repayments.tests.factories import money_snapshot, post_payment

pytestmark = pytest.mark.django_db
PROBLEM = "application/problem+json"
SANDBOX_URL = "/api/v1/payments/webhooks/sandbox/"


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def url(loan) -> str:
    return f"/api/v1/loans/{loan.pk}/exit-requests/"


def problem(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    assert response.json()["code"] == code
    return response.json()


def in_cooling_off() -> Loan:
    return active_loan(disbursed_on=today_ist() - timedelta(days=1))


def untouched(loan: Loan, before: dict) -> None:
    """The loan is active and the books are as they were."""
    assert Loan.objects.get(pk=loan.pk).status == LoanStatus.ACTIVE
    assert money_snapshot(loan) == before


def test_the_borrower_asks_and_is_told_what_to_pay_by_when_and_where(settings):
    loan = in_cooling_off()
    today = today_ist()
    before = money_snapshot(loan)
    response = client_for(loan.borrower).post(url(loan), format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    request = ExitRequest.objects.get()
    pay_by = today + timedelta(days=3)
    rule = cooling_off_amount(loan, on=pay_by)
    assert body["id"] == request.pk and body["loan"] == loan.pk
    assert body["status"] == "open"
    assert body["requested_on"] == today.isoformat() and body["pay_by"] == pay_by.isoformat()
    assert body["principal"] == "100000.00"
    assert body["interest"] == f"{rule['interest']:.2f}"
    assert body["amount"] == f"{rule['total']:.2f}"
    assert body["reference"] == f"LS-{loan.pk}-EXIT-{request.pk}"
    assert body["payment_instructions"] == {
        "upi_id": settings.PAYMENT_INSTRUCTIONS["upi_id"],
        "account_name": settings.PAYMENT_INSTRUCTIONS["account_name"],
        "account_number": settings.PAYMENT_INSTRUCTIONS["account_number"],
        "ifsc": settings.PAYMENT_INSTRUCTIONS["ifsc"],
        "bank_name": settings.PAYMENT_INSTRUCTIONS["bank_name"],
        "remarks": body["reference"],
    }
    assert [row["on"] for row in body["amounts_by_date"]] == [
        (today + timedelta(days=n)).isoformat() for n in range(4)
    ]
    assert body["amounts_by_date"][0]["total"] == (
        f"{cooling_off_amount(loan, on=today)['total']:.2f}"
    )
    assert body["amounts_by_date"][-1]["total"] == body["amount"]
    assert body["payment"] is None and body["completed_on"] is None
    untouched(loan, before)


def test_a_typed_reference_or_amount_in_the_body_moves_nothing():
    loan = in_cooling_off()
    before = money_snapshot(loan)
    response = client_for(loan.borrower).post(
        url(loan),
        {"reference": "FAKE-REF-123", "amount": "100038.36", "paid_on": today_ist().isoformat()},
        format="json",
    )
    assert response.status_code == 201
    assert response.json()["status"] == "open"
    untouched(loan, before)


def test_the_old_cooling_off_cancel_endpoint_is_gone_and_moves_nothing():
    loan = in_cooling_off()
    before = money_snapshot(loan)
    for user in (loan.borrower, staff(FINANCE)):
        response = client_for(user).post(
            f"/api/v1/loans/{loan.pk}/cooling-off-cancel/",
            {
                "paid_on": today_ist().isoformat(),
                "amount": "100038.36",
                "reference": "FAKE-REF-123",
            },
            format="json",
        )
        body = problem(response, 410, "gone")
        assert body["exit_requests"] == url(loan)
        assert "exit-requests" in body["detail"]
    untouched(loan, before)
    assert not ExitRequest.objects.exists()


def test_asking_again_returns_the_open_request():
    loan = in_cooling_off()
    client = client_for(loan.borrower)
    first = client.post(url(loan), format="json")
    again = client.post(url(loan), format="json")
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert ExitRequest.objects.count() == 1


def test_outside_the_cooling_off_period_409():
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=4))
    body = problem(client_for(loan.borrower).post(url(loan), format="json"), 409, "invalid_state")
    assert "cooling-off period" in body["detail"]
    assert not ExitRequest.objects.exists()


def test_other_borrowers_get_404_and_staff_may_look_but_not_ask():
    loan = in_cooling_off()
    client_for(loan.borrower).post(url(loan), format="json")
    stranger = client_for(kyc_verified_borrower())
    problem(stranger.get(url(loan)), 404, "not_found")
    problem(stranger.post(url(loan), format="json"), 404, "not_found")
    problem(client_for(staff(COLLECTOR)).get(url(loan)), 404, "not_found")
    finance = client_for(staff(FINANCE))
    listed = finance.get(url(loan))
    assert listed.status_code == 200 and listed.json()["count"] == 1
    problem(finance.post(url(loan), format="json"), 403, "permission_denied")
    assert ExitRequest.objects.count() == 1
    assert APIClient().get(url(loan)).status_code == 401


def test_the_list_is_the_loans_requests_newest_first(django_assert_max_num_queries):
    loan = in_cooling_off()
    client = client_for(loan.borrower)
    client.post(url(loan), format="json")
    other = in_cooling_off()
    client_for(other.borrower).post(url(other), format="json")
    with django_assert_max_num_queries(8):
        response = client.get(url(loan))
    body = response.json()
    assert body["count"] == 1 and body["results"][0]["loan"] == loan.pk
    assert body["results"][0]["amounts_by_date"]


def test_idempotency_key_replays_the_first_answer():
    loan = in_cooling_off()
    jwt = Client(HTTP_AUTHORIZATION=f"Bearer {AccessToken.for_user(loan.borrower)}")
    headers = {"Idempotency-Key": "exit-1"}
    first = jwt.post(url(loan), data="{}", content_type="application/json", headers=headers)
    again = jwt.post(url(loan), data="{}", content_type="application/json", headers=headers)
    assert first.status_code == again.status_code == 201
    assert again[REPLAYED_HEADER] == "true" and again.json() == first.json()
    reused = jwt.post(url(loan), data='{"x": 1}', content_type="application/json", headers=headers)
    problem(reused, 422, "idempotency_key_reused")
    assert ExitRequest.objects.count() == 1


def test_finance_posting_the_money_through_the_api_cancels_the_loan():
    loan = in_cooling_off()
    amount = client_for(loan.borrower).post(url(loan), format="json").json()["amount"]
    response = client_for(staff(FINANCE)).post(
        "/api/v1/payments/",
        {
            "loan": loan.pk,
            "amount": amount,
            "paid_on": today_ist().isoformat(),
            "channel": "neft",
            "utr": "NEFT-EXIT-API-1",
        },
        format="json",
    )
    assert response.status_code == 201, response.json()
    assert response.json()["loan_after"]["status"] == "cancelled"
    [request] = client_for(loan.borrower).get(url(loan)).json()["results"]
    assert request["status"] == "completed"
    assert request["payment"] == response.json()["id"]
    assert request["amounts_by_date"] == []


# --- the money arriving by a signed webhook ---------------------------------------------


def _deliver(loan, amount, **kwargs):
    body = sandbox_payload(loan_id=loan.pk, amount=amount, **kwargs)
    headers = {k: v for k, v in sandbox_sign(body).items() if k != "Content-Type"}
    return Client().post(SANDBOX_URL, data=body, content_type="application/json", headers=headers)


def test_a_matching_signed_webhook_cancels_the_loan():
    loan = in_cooling_off()
    client_for(loan.borrower).post(url(loan), format="json")
    due = cooling_off_amount(loan, on=today_ist())["total"]
    response = _deliver(loan, due, payment_id="sbx_exit_1")
    assert response.status_code == 201, response.json()
    payment = Payment.objects.get()
    assert (payment.source, payment.utr) == (PaymentSource.WEBHOOK, "SANDBOX:SBX_EXIT_1")
    assert Loan.objects.get(pk=loan.pk).status == LoanStatus.CANCELLED
    request = ExitRequest.objects.get()
    assert request.status == ExitRequestStatus.COMPLETED and request.payment == payment
    # The same delivery again is a replay, not a second payment.
    assert _deliver(loan, due, payment_id="sbx_exit_1").status_code == 200
    assert Payment.objects.count() == 1


def test_an_unsigned_webhook_moves_nothing():
    loan = in_cooling_off()
    client_for(loan.borrower).post(url(loan), format="json")
    before = money_snapshot(loan)
    body = sandbox_payload(
        loan_id=loan.pk, amount=cooling_off_amount(loan, on=today_ist())["total"]
    )
    forged = {"X-Lendingsite-Timestamp": "1", "X-Lendingsite-Signature": "00" * 32}
    response = Client().post(
        SANDBOX_URL, data=body, content_type="application/json", headers=forged
    )
    assert response.status_code == 401
    untouched(loan, before)
    assert ExitRequest.objects.get().status == ExitRequestStatus.OPEN


def test_a_smaller_webhook_payment_does_not_cancel():
    loan = in_cooling_off()
    client_for(loan.borrower).post(url(loan), format="json")
    response = _deliver(loan, Decimal("5000.00"))
    assert response.status_code == 201
    assert Loan.objects.get(pk=loan.pk).status == LoanStatus.ACTIVE
    assert ExitRequest.objects.get().status == ExitRequestStatus.OPEN
    # What is left that day completes it.
    left = client_for(loan.borrower).get(url(loan)).json()["results"][0]["amounts_by_date"][0]
    post_payment(loan, amount=Decimal(left["total"]), paid_on=today_ist())
    assert Loan.objects.get(pk=loan.pk).status == LoanStatus.CANCELLED
