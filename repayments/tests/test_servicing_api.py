"""The distress-servicing API: write-off and settlement proposals, approval by another
person (403 `maker_checker` for the proposer), refusals as problem+json writing nothing,
staff-only proposals (404 for a borrower), a recovery through POST /payments/."""

import itertools
from datetime import timedelta
from decimal import Decimal

import pytest
from rest_framework.test import APIClient

from accounts.roles import COLLECTIONS_MANAGER, CREDIT_MANAGER, FINANCE
from accounts.tests.factories import staff
from lendingsite.dates import today_ist
from loans.models import Loan, Proposal
from loans.tests.factories import active_loan
from repayments.tests.factories import money_snapshot

pytestmark = pytest.mark.django_db
_keys = itertools.count(1)
D = Decimal


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def post(client, path, body=None):
    return client.post(
        path, body or {}, format="json", HTTP_IDEMPOTENCY_KEY=f"servicing-{next(_keys)}"
    )


@pytest.fixture
def loan():
    return active_loan(disbursed_on=today_ist() - timedelta(days=100))


def test_write_off_by_api_needs_a_second_person_then_recovery_by_payment(loan):
    maker, checker = client_for(staff(CREDIT_MANAGER)), client_for(staff(COLLECTIONS_MANAGER))
    proposed = post(maker, f"/api/v1/loans/{loan.pk}/write-off/", {"reason": "Absconded"})
    assert proposed.status_code == 201, proposed.json()
    body = proposed.json()
    assert (body["kind"], body["status"], body["terms"]) == (
        "write_off",
        "proposed",
        {"write_off_kind": "technical"},
    )
    before = money_snapshot(loan)
    same = post(maker, f"/api/v1/proposals/{body['id']}/approve/")
    assert same.status_code == 403
    assert same.json()["code"] == "maker_checker"
    assert same["Content-Type"] == "application/problem+json"
    assert money_snapshot(loan) == before

    approved = post(checker, f"/api/v1/proposals/{body['id']}/approve/", {"note": "ok"})
    assert approved.status_code == 200, approved.json()
    assert approved.json()["status"] == "approved"
    assert Loan.objects.get(pk=loan.pk).status == "written_off"

    paid = post(
        client_for(staff(FINANCE)),
        "/api/v1/payments/",
        {
            "loan": loan.pk,
            "amount": "5000.00",
            "paid_on": today_ist().isoformat(),
            "channel": "upi",
            "utr": "RECOVERY000001",
        },
    )
    assert paid.status_code == 201, paid.json()
    assert paid.json()["allocation"]["excess"] == "0.00"


def test_refusals_are_problems(loan):
    manager = client_for(staff(CREDIT_MANAGER))
    no_reason = post(manager, f"/api/v1/loans/{loan.pk}/write-off/", {"kind": "full"})
    assert no_reason.status_code == 400
    finance = post(
        client_for(staff(FINANCE)), f"/api/v1/loans/{loan.pk}/write-off/", {"reason": "x"}
    )
    assert finance.status_code == 403
    assert finance.json()["code"] == "permission_denied"
    too_much = post(
        manager, f"/api/v1/loans/{loan.pk}/settlement/", {"amount": "999999.00", "reason": "x"}
    )
    assert too_much.status_code == 400
    assert Proposal.objects.count() == 0
    borrower = client_for(loan.borrower)
    assert post(borrower, f"/api/v1/loans/{loan.pk}/write-off/", {"reason": "x"}).status_code == 403
    other = active_loan()
    assert (
        post(
            client_for(other.borrower), f"/api/v1/loans/{loan.pk}/write-off/", {"reason": "x"}
        ).status_code
        == 404
    )


def test_settlement_by_api_and_proposals_are_staff_only(loan):
    maker, checker = client_for(staff(COLLECTIONS_MANAGER)), client_for(staff(CREDIT_MANAGER))
    due = (today_ist() + timedelta(days=10)).isoformat()
    proposed = post(
        maker,
        f"/api/v1/loans/{loan.pk}/settlement/",
        {
            "amount": "50000.00",
            "reason": "Hardship",
            "installments": [{"due_date": due, "amount": "50000.00"}],
            "grace_days": 5,
        },
    )
    assert proposed.status_code == 201, proposed.json()
    pk = proposed.json()["id"]
    assert client_for(loan.borrower).get(f"/api/v1/proposals/{pk}/").status_code == 404
    listed = checker.get("/api/v1/proposals/?kind=settlement")
    assert [p["id"] for p in listed.json()["results"]] == [pk]
    approved = post(checker, f"/api/v1/proposals/{pk}/approve/")
    assert approved.status_code == 200, approved.json()
    assert Loan.objects.get(pk=loan.pk).settlements.get().amount == D("50000.00")
    again = post(checker, f"/api/v1/proposals/{pk}/reject/", {"note": "late"})
    assert again.status_code == 409
    assert again.json()["code"] == "invalid_state"


def test_restructure_by_api_then_the_borrower_accepts(loan):
    maker, checker = client_for(staff(CREDIT_MANAGER)), client_for(staff(COLLECTIONS_MANAGER))
    proposed = post(
        maker,
        f"/api/v1/loans/{loan.pk}/restructure/",
        {"annual_rate": "11.5", "tenure": 20, "reason": "Income fell"},
    )
    assert proposed.status_code == 201, proposed.json()
    pk = proposed.json()["id"]
    assert post(checker, f"/api/v1/proposals/{pk}/approve/").status_code == 200
    borrower = client_for(loan.borrower)
    listed = borrower.get("/api/v1/reschedules/").json()["results"]
    assert [(r["status"], r["apr"]) for r in listed] == [("awaiting_borrower", "11.50")]
    assert (
        post(
            client_for(active_loan().borrower), f"/api/v1/reschedules/{listed[0]['id']}/accept/"
        ).status_code
        == 404
    )
    accepted = post(borrower, f"/api/v1/reschedules/{listed[0]['id']}/accept/")
    assert accepted.status_code == 200, accepted.json()
    assert accepted.json()["status"] == "applied"
    assert Loan.objects.get(pk=loan.pk).restructure_count == 1
    bad = post(
        maker,
        f"/api/v1/loans/{loan.pk}/restructure/",
        {"annual_rate": "99", "tenure": 0, "reason": "x"},
    )
    assert bad.status_code == 400


def test_moratorium_by_api(loan, django_capture_on_commit_callbacks):
    manager = client_for(staff(CREDIT_MANAGER))
    body = {
        "name": "Cyclone",
        "start": today_ist().isoformat(),
        "installments": 2,
        "loans": [loan.pk],
    }
    with django_capture_on_commit_callbacks(execute=True):
        created = post(manager, "/api/v1/moratoria/", body)
    assert created.status_code == 201, created.json()
    listed = manager.get("/api/v1/moratoria/").json()["results"]
    assert (listed[0]["applied"], listed[0]["pending"]) == (1, 0)
    refused = post(client_for(staff(FINANCE)), "/api/v1/moratoria/", body)
    assert refused.status_code == 403
    unknown = post(manager, "/api/v1/moratoria/", {**body, "loans": [999999]})
    assert unknown.status_code == 400


def test_restructure_by_installment_amount_derives_the_tenure(loan):
    maker, checker = client_for(staff(CREDIT_MANAGER)), client_for(staff(COLLECTIONS_MANAGER))
    outstanding = Loan.objects.get(pk=loan.pk).principal_outstanding
    # About a third of the outstanding a month at 0 %: three installments, none above it.
    asked = (outstanding / 3).quantize(D("0.01")) + D("0.01")
    proposed = post(
        maker,
        f"/api/v1/loans/{loan.pk}/restructure/",
        {"annual_rate": "0", "installment": str(asked), "reason": "Smaller EMI"},
    )
    assert proposed.status_code == 201, proposed.json()
    assert proposed.json()["terms"] == {"annual_rate": "0.0000", "installment": str(asked)}
    assert post(checker, f"/api/v1/proposals/{proposed.json()['id']}/approve/").status_code == 200
    listed = client_for(loan.borrower).get("/api/v1/reschedules/").json()["results"]
    assert listed[0]["tenure"] == 3
    new_rows = [r for r in listed[0]["schedule"] if r["due_date"] > today_ist().isoformat()]
    assert len(new_rows) == 3
    assert all(D(r["principal_due"]) <= asked for r in new_rows)


def test_an_installment_that_cannot_amortise_is_refused_and_writes_nothing(loan):
    maker = client_for(staff(CREDIT_MANAGER))
    # ₹10 a month does not cover a month's interest at 24 % on the principal not yet due.
    a_months_interest = D("10.00")
    before = Proposal.objects.count()
    refused = post(
        maker,
        f"/api/v1/loans/{loan.pk}/restructure/",
        {"annual_rate": "24", "installment": str(a_months_interest), "reason": "x"},
    )
    assert refused.status_code == 422, refused.json()
    body = refused.json()
    assert body["code"] == "installment_too_small"
    assert D(body["smallest"]) > a_months_interest
    assert Proposal.objects.count() == before
    both = post(
        maker,
        f"/api/v1/loans/{loan.pk}/restructure/",
        {"annual_rate": "12", "installment": "1000", "tenure": 12, "reason": "x"},
    )
    assert both.status_code == 400
    assert both.json()["code"] == "validation_error"
    neither = post(
        maker, f"/api/v1/loans/{loan.pk}/restructure/", {"annual_rate": "12", "reason": "x"}
    )
    assert neither.status_code == 400
