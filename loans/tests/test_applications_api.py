"""Applications API (API.md "Applications"): the whole journey by HTTP, problem+json
refusals, object-level visibility, the per-role permission matrix and query counts."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounts.models import AuditEvent
from accounts.roles import AUDITOR, COLLECTOR, CREDIT_MANAGER, FINANCE, LOAN_OFFICER
from accounts.tests.factories import UserFactory, borrower, staff
from loans.models import ApplicationStatus, Loan, LoanApplication
from loans.services.applications import (
    application_recommend,
    application_submit,
    applications_expire,
)
from loans.tests.factories import (
    ProductFactory,
    approved_application,
    draft_application,
    kyc_verified_borrower,
)

pytestmark = pytest.mark.django_db

LIST = "/api/v1/applications/"
PROBLEM = "application/problem+json"


def _client(user=None) -> APIClient:
    client = APIClient()
    if user is not None:
        client.force_login(user)
    return client


def _url(app, action: str = "") -> str:
    return f"{LIST}{app.pk}/" + (f"{action}/" if action else "")


def _body(product, **extra) -> dict:
    return {
        "product": product.code,
        "amount": "100000.00",
        "tenure": 12,
        "purpose": "Home renovation",
        "monthly_income": "150000.00",
        "existing_emis": "0.00",
        **extra,
    }


def _problem(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["code"] == code and body["status"] == status and body["detail"]
    return body


def _submitted(**kwargs) -> LoanApplication:
    app = draft_application(**kwargs)
    return application_submit(acting_user=app.created_by, application=app)


def _under_review(**kwargs) -> LoanApplication:
    return application_recommend(acting_user=staff(LOAN_OFFICER), application=_submitted(**kwargs))


# --- the whole journey ---------------------------------------------------------------------


def test_apply_submit_recommend_approve_read_kfs_accept():
    person = kyc_verified_borrower()
    product = ProductFactory()
    me = _client(person)

    created = me.post(LIST, _body(product), format="json")
    assert created.status_code == 201, created.content
    app = created.json()
    assert app["status"] == "draft" and app["borrower"] == person.pk
    assert app["product"] == product.code and app["amount"] == "100000.00"
    assert app["monthly_income"] == "150000.00" and app["tenure"] == 12

    submitted = me.post(_url(LoanApplication(pk=app["id"]), "submit"))
    assert submitted.status_code == 200
    body = submitted.json()
    assert body["status"] == "submitted" and (body["score"], body["grade"]) == (700, "B")
    assert [r["code"] for r in body["reasons"]] == ["FOIR_LOW", "NO_HISTORY", "NO_BUREAU"]
    assert all(set(r) == {"code", "text", "points", "hard_stop"} for r in body["reasons"])

    target = LoanApplication(pk=app["id"])
    officer = staff(LOAN_OFFICER)
    recommended = _client(officer).post(_url(target, "recommend"), {"note": "Payslips seen"})
    assert recommended.status_code == 200
    assert recommended.json()["status"] == "under_review"
    assert recommended.json()["recommended_by"] == officer.pk

    approved = _client(staff(CREDIT_MANAGER)).post(_url(target, "approve"), {}, format="json")
    assert approved.status_code == 200, approved.content
    offer = approved.json()
    assert offer["status"] == "approved"
    assert offer["offered_amount"] == "100000.00" and offer["offered_rate"] == "13.5000"
    assert date.fromisoformat(offer["offer_expires_on"]) > date.today()
    assert len(offer["kfs_hash"]) == 64 and Decimal(offer["apr"]) > Decimal("13.5")

    kfs = me.get(_url(target, "kfs"))
    assert kfs.status_code == 200
    statement = kfs.json()
    assert statement["kfs_hash"] == offer["kfs_hash"] and statement["apr"] == offer["apr"]
    assert statement["principal"] == "100000.00" and statement["annual_rate"] == "13.5000"
    assert statement["number_of_installments"] == 12 and len(statement["schedule"]) == 12
    assert statement["charges"][0]["gst"] == "360.00"  # 18% GST on the 2% fee of ₹2,000
    assert statement["net_disbursed"] == "97640.00"
    assert statement["cooling_off_days"] == 3 and statement["grievance_officer"]["email"]
    assert statement["valid_until"] == offer["offer_expires_on"]

    accepted = me.post(_url(target, "accept"), {"kfs_hash": offer["kfs_hash"]}, format="json")
    assert accepted.status_code == 201, accepted.content
    loan = Loan.objects.get()
    assert accepted.json() == {
        "loan": loan.pk,
        "status": "pending_disbursement",
        "application": target.pk,
    }
    final = me.get(_url(target)).json()
    assert final["status"] == "accepted" and final["loan"] == loan.pk


def test_an_officer_applies_for_a_borrower():
    officer, person = staff(LOAN_OFFICER), kyc_verified_borrower()
    response = _client(officer).post(
        LIST, _body(ProductFactory(), borrower=person.pk), format="json"
    )
    assert response.status_code == 201
    assert response.json()["borrower"] == person.pk
    assert response.json()["created_by"] == officer.pk


def test_unverified_email_gets_403_email_not_verified():
    person = borrower(user__email_verified_at=None)
    response = _client(person).post(LIST, _body(ProductFactory()), format="json")
    _problem(response, 403, "email_not_verified")
    assert not LoanApplication.objects.exists()


def test_bad_input_is_a_validation_problem_per_field():
    me = _client(kyc_verified_borrower())
    body = _problem(
        me.post(LIST, {"product": "nope", "tenure": 0}, format="json"), 400, "validation_error"
    )
    assert {"product", "amount", "tenure", "purpose", "monthly_income"} <= set(body["errors"])
    out_of_range = me.post(LIST, _body(ProductFactory(), amount="5000.00"), format="json")
    assert _problem(out_of_range, 400, "validation_error")["errors"]["amount"]


def test_scoring_switched_off_submits_to_under_review(settings):
    settings.SCORING_ENABLED = False
    app = draft_application()
    response = _client(app.borrower).post(_url(app, "submit"))
    assert response.status_code == 200
    assert response.json()["status"] == "under_review" and response.json()["score"] is None


def test_maker_checker_is_a_403_problem_with_a_denied_audit_row():
    maker = UserFactory(roles=[LOAN_OFFICER, CREDIT_MANAGER])
    app = _submitted(officer=maker)
    response = _client(maker).post(_url(app, "approve"), {}, format="json")
    _problem(response, 403, "maker_checker")
    event = AuditEvent.objects.get(action="application.approve_refused", outcome="denied")
    assert event.actor == maker and event.target_id == str(app.pk)
    assert LoanApplication.objects.get(pk=app.pk).status == ApplicationStatus.SUBMITTED


def test_a_hard_stop_refuses_approval_with_the_reason_text():
    app = _submitted(monthly_income=Decimal("15000.00"))  # repayments > 50% of income
    assert app.grade == "E"
    response = _client(staff(CREDIT_MANAGER)).post(_url(app, "approve"), {}, format="json")
    body = _problem(response, 409, "eligibility_hard_stop")
    assert "of your monthly income; the most we allow is 50.00%" in body["detail"]
    assert body["errors"]["eligibility"] and body["hard_stops"] == ["FOIR_ABOVE_MAX"]


def test_wrong_state_is_409_invalid_state():
    app = _submitted()
    _problem(_client(app.borrower).post(_url(app, "submit")), 409, "invalid_state")
    _problem(_client(app.borrower).get(_url(app, "kfs")), 409, "invalid_state")
    _problem(_client(app.borrower).post(_url(app, "accept")), 409, "invalid_state")


def test_reject_needs_a_reason():
    app = _under_review()
    checker = _client(staff(CREDIT_MANAGER))
    body = _problem(checker.post(_url(app, "reject"), {}, format="json"), 400, "validation_error")
    assert body["errors"]["reason"]
    response = checker.post(_url(app, "reject"), {"reason": "Income not proven"}, format="json")
    assert response.status_code == 200
    assert response.json()["status"] == "rejected"
    assert response.json()["decision_reason"] == "Income not proven"


def test_approve_with_explicit_amount_and_rate():
    app = _under_review()
    response = _client(staff(CREDIT_MANAGER)).post(
        _url(app, "approve"), {"amount": "60000.00", "annual_rate": "15.2500"}, format="json"
    )
    assert response.status_code == 200
    assert response.json()["offered_amount"] == "60000.00"
    assert response.json()["offered_rate"] == "15.2500"


def test_accept_of_a_changed_kfs_is_refused():
    app = approved_application()
    response = _client(app.borrower).post(_url(app, "accept"), {"kfs_hash": "f" * 64})
    _problem(response, 409, "invalid_state")
    assert not Loan.objects.exists()


def test_an_expired_offer_cannot_be_accepted():
    app = approved_application(business_date=date(2026, 11, 19))
    applications_expire(business_date=date(2026, 11, 25))
    response = _client(app.borrower).post(_url(app, "accept"), {"kfs_hash": app.kfs_hash})
    _problem(response, 409, "invalid_state")
    assert _client(app.borrower).get(_url(app)).json()["status"] == "expired"


def test_withdraw():
    app = _submitted()
    response = _client(app.borrower).post(_url(app, "withdraw"), {"reason": "Not needed"})
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"


# --- visibility, filters, pagination, query counts -----------------------------------------


def test_borrowers_see_only_their_own_and_others_are_404():
    mine, theirs = draft_application(), draft_application()
    me = _client(mine.borrower)
    listed = me.get(LIST).json()
    assert listed["count"] == 1 and [a["id"] for a in listed["results"]] == [mine.pk]
    _problem(me.get(_url(theirs)), 404, "not_found")
    _problem(me.post(_url(theirs, "submit")), 404, "not_found")
    assert _client(staff(AUDITOR)).get(LIST).json()["count"] == 2
    assert _client(staff(COLLECTOR)).get(LIST).json()["count"] == 0


def test_filters_by_status_and_grade():
    draft = draft_application()
    scored = _submitted()
    graded_e = _submitted(monthly_income=Decimal("15000.00"))
    officer = _client(staff(LOAN_OFFICER))

    def ids(query: str) -> set[int]:
        return {a["id"] for a in officer.get(LIST + query).json()["results"]}

    assert ids("?status=draft") == {draft.pk}
    assert ids("?status=submitted") == {scored.pk, graded_e.pk}
    assert ids("?grade=E") == {graded_e.pk}
    assert ids("?status=submitted&grade=B") == {scored.pk}


def test_list_is_paginated():
    product, person = ProductFactory(), kyc_verified_borrower()
    for _ in range(3):
        draft_application(product=product, borrower=person)
    page = _client(person).get(LIST + "?page_size=2").json()
    assert page["count"] == 3 and len(page["results"]) == 2 and page["next"]


def _list_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(LIST).status_code == 200
    return len(captured)


def test_list_query_count_does_not_grow_with_rows(django_assert_max_num_queries):
    officer = staff(LOAN_OFFICER)
    client = _client(officer)
    product = ProductFactory()
    approved_application(product=product)
    few = _list_queries(client)
    for _ in range(15):
        draft_application(product=product)
    approved_application(product=product)
    assert _list_queries(client) == few
    with django_assert_max_num_queries(8):
        response = client.get(LIST)
    assert response.json()["count"] == 17


# --- who may do what (API.md "Applications" → per role) ------------------------------------

OWNER, OTHER, ANON = "owner", "other borrower", "anonymous"
ROLES = [OWNER, OTHER, LOAN_OFFICER, CREDIT_MANAGER, FINANCE, COLLECTOR, AUDITOR, ANON]


def _actor(role, app):
    if role == OWNER:
        return app.borrower
    if role == OTHER:
        return kyc_verified_borrower()
    if role == ANON:
        return None
    return staff(role)


# endpoint: (state to build, method, action, expected status per role in ROLES order)
MATRIX = {
    "list": (None, "get", "", [200, 200, 200, 200, 200, 200, 200, 401]),
    "retrieve": (draft_application, "get", "", [200, 404, 200, 200, 200, 404, 200, 401]),
    "create": (None, "post", "", [201, 403, 201, 403, 403, 403, 403, 401]),
    "submit": (draft_application, "post", "submit", [200, 404, 200, 403, 403, 404, 403, 401]),
    "recommend": (_submitted, "post", "recommend", [403, 404, 200, 403, 403, 404, 403, 401]),
    "approve": (_under_review, "post", "approve", [403, 404, 403, 200, 403, 404, 403, 401]),
    "reject": (_under_review, "post", "reject", [403, 404, 403, 200, 403, 404, 403, 401]),
    "withdraw": (_submitted, "post", "withdraw", [200, 404, 200, 403, 403, 404, 403, 401]),
    "kfs": (approved_application, "get", "kfs", [200, 404, 200, 200, 200, 404, 200, 401]),
    "accept": (approved_application, "post", "accept", [201, 404, 403, 403, 403, 404, 403, 401]),
}
CASES = [
    pytest.param(endpoint, role, expected[i], id=f"{endpoint}-{role}")
    for endpoint, (_, _, _, expected) in MATRIX.items()
    for i, role in enumerate(ROLES)
]


@pytest.mark.parametrize(("endpoint", "role", "expected"), CASES)
def test_permission_matrix(endpoint, role, expected):
    build, method, action, _ = MATRIX[endpoint]
    if build is None:  # list / create: the owner is whoever the application is for
        target = kyc_verified_borrower()
        app = LoanApplication(borrower=target)
        draft_application(borrower=target)
    else:
        app = build()
    actor = _actor(role, app)
    client = _client(actor)
    if endpoint == "create":
        response = client.post(
            LIST, _body(ProductFactory(), borrower=app.borrower.pk), format="json"
        )
    elif method == "get":
        response = client.get(_url(app, action) if endpoint != "list" else LIST)
    else:
        response = client.post(_url(app, action), {"reason": "Matrix"}, format="json")
    assert response.status_code == expected, response.content
    if expected >= 400:
        assert response["Content-Type"] == PROBLEM
    if endpoint == "list" and expected == 200:
        sees_all = role not in (OTHER, COLLECTOR)
        assert response.json()["count"] == (1 if sees_all else 0)
