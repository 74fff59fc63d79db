"""The charges and waivers API: propose, approve, reject; maker-checker as 403
`maker_checker`; refusals as problem+json writing nothing; object scoping (404); the
Idempotency-Key replay; a constant number of queries per list."""

import itertools
from datetime import timedelta
from decimal import Decimal

import pytest
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.roles import AUDITOR, COLLECTOR, FINANCE, LOAN_OFFICER
from accounts.tests.factories import staff
from lendingsite.dates import today_ist
from loans.tests.factories import active_loan
from repayments.models import Charge, ChargeWaiver
from repayments.tests.factories import levy_penal, money_snapshot

pytestmark = pytest.mark.django_db
_keys = itertools.count(1)
D = Decimal


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def post(client, path, body=None, key=None):
    return client.post(
        path, body or {}, format="json", HTTP_IDEMPOTENCY_KEY=key or f"waiver-{next(_keys)}"
    )


def charged_loan():
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=40))
    first = loan.installments.order_by("number").first()
    charge = levy_penal(
        loan, number=1, amount=D("500.00"), charged_on=first.due_date + timedelta(4)
    )
    return loan, charge


def test_propose_then_approve_by_someone_else():
    loan, charge = charged_loan()
    maker, checker = client_for(staff(FINANCE)), client_for(staff(FINANCE))

    proposed = post(maker, f"/api/v1/charges/{charge.pk}/waive/", {"reason": "Bank delay"})

    assert proposed.status_code == 201, proposed.json()
    body = proposed.json()
    assert (body["status"], body["amount"], body["loan"]) == ("proposed", "500.00", loan.pk)
    assert body["charge"]["amount_in_force"] == "500.00"
    same_person = post(maker, f"/api/v1/waivers/{body['id']}/approve/")
    assert same_person.status_code == 403
    assert same_person.json()["code"] == "maker_checker"
    assert same_person["Content-Type"] == "application/problem+json"

    approved = post(checker, f"/api/v1/waivers/{body['id']}/approve/", {"note": "ok"})

    assert approved.status_code == 200, approved.json()
    answer = approved.json()
    assert (answer["status"], answer["decision_note"]) == ("approved", "ok")
    assert answer["charge"] == {
        "id": charge.pk,
        "kind": "penal",
        "amount": "500.00",
        "status": "waived",
        "waived_amount": "500.00",
        "amount_in_force": "0.00",
    }
    assert loan.installments.get(number=1).penal_due == 0
    listed = maker.get(f"/api/v1/charges/{charge.pk}/").json()
    assert (listed["status"], listed["amount_in_force"]) == ("waived", "0.00")


def test_a_partial_waiver_and_a_rejection():
    _, charge = charged_loan()
    maker, checker = client_for(staff(FINANCE)), client_for(staff(FINANCE))
    waiver = post(maker, f"/api/v1/charges/{charge.pk}/waive/", {"reason": "x", "amount": "200"})
    assert waiver.json()["amount"] == "200.00"
    no_note = post(checker, f"/api/v1/waivers/{waiver.json()['id']}/reject/")
    assert no_note.status_code == 400 and no_note.json()["code"] == "validation_error"
    assert "note" in no_note.json()["errors"]
    rejected = post(checker, f"/api/v1/waivers/{waiver.json()['id']}/reject/", {"note": "No"})
    assert rejected.status_code == 200 and rejected.json()["status"] == "rejected"
    again = post(checker, f"/api/v1/waivers/{waiver.json()['id']}/approve/")
    assert again.status_code == 409 and again.json()["code"] == "invalid_state"
    assert Charge.objects.get(pk=charge.pk).amount_in_force == D("500.00")


def test_refusals_are_problems_and_write_nothing():
    loan, charge = charged_loan()
    before = money_snapshot(loan)
    finance = client_for(staff(FINANCE))
    path = f"/api/v1/charges/{charge.pk}/waive/"
    cases = [
        (client_for(staff(LOAN_OFFICER)), {"reason": "x"}, 403, "permission_denied"),
        (finance, {}, 400, "validation_error"),
        (finance, {"reason": "x", "amount": "600.00"}, 400, "validation_error"),
        (finance, {"reason": "x", "amount": "-1"}, 400, "validation_error"),
    ]
    for client, body, status, code in cases:
        response = post(client, path, body)
        assert (response.status_code, response.json()["code"]) == (status, code), body
    assert not ChargeWaiver.objects.exists()
    assert money_snapshot(loan) == before


def test_borrowers_see_only_their_own_and_cannot_waive():
    loan, charge = charged_loan()
    _, other = charged_loan()
    waiver = post(
        client_for(staff(FINANCE)), f"/api/v1/charges/{charge.pk}/waive/", {"reason": "x"}
    )
    owner = client_for(loan.borrower)
    assert [c["id"] for c in owner.get("/api/v1/charges/").json()["results"]] == [charge.pk]
    assert owner.get(f"/api/v1/charges/{other.pk}/").status_code == 404
    assert post(owner, f"/api/v1/charges/{other.pk}/waive/", {"reason": "x"}).status_code == 404
    mine = post(owner, f"/api/v1/charges/{charge.pk}/waive/", {"reason": "please"})
    assert (mine.status_code, mine.json()["code"]) == (403, "permission_denied")
    assert [w["id"] for w in owner.get("/api/v1/waivers/").json()["results"]] == [
        waiver.json()["id"]
    ]
    stranger = client_for(other.loan.borrower)
    assert stranger.get(f"/api/v1/waivers/{waiver.json()['id']}/").status_code == 404
    approve = post(stranger, f"/api/v1/waivers/{waiver.json()['id']}/approve/")
    assert approve.status_code == 404
    collector = client_for(staff(COLLECTOR))
    assert collector.get("/api/v1/waivers/").json()["count"] == 0


def test_the_same_idempotency_key_replays_the_first_answer():
    _, charge = charged_loan()
    # A real bearer token: the key belongs to the signed-in caller, whom the middleware
    # sees before the view (force_authenticate only reaches the view).
    maker = APIClient()
    token = RefreshToken.for_user(staff(FINANCE)).access_token
    maker.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    path = f"/api/v1/charges/{charge.pk}/waive/"
    first = post(maker, path, {"reason": "x"}, key="same-key")
    again = post(maker, path, {"reason": "x"}, key="same-key")
    assert first.status_code == again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert ChargeWaiver.objects.count() == 1
    other_body = post(maker, path, {"reason": "y"}, key="same-key")
    assert other_body.status_code == 422


def test_lists_cost_the_same_few_queries(django_assert_max_num_queries):
    finance = staff(FINANCE)
    for _ in range(4):
        _, charge = charged_loan()
        post(client_for(finance), f"/api/v1/charges/{charge.pk}/waive/", {"reason": "x"})
    auditor = client_for(staff(AUDITOR))
    with django_assert_max_num_queries(5):
        waivers = auditor.get("/api/v1/waivers/?status=proposed").json()
    assert waivers["count"] == 4
    with django_assert_max_num_queries(5):
        charges = auditor.get("/api/v1/charges/").json()
    assert charges["count"] == 4 and charges["results"][0]["installment_number"] == 1
