"""The applications queue in the officer console: who sees it, filters and search, the
actions (each calls the service; refusals come back as messages), the read-only change
page, and a query-count bound on the changelist."""

from decimal import Decimal

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import AuditEvent
from accounts.roles import AUDITOR, COLLECTOR, CREDIT_MANAGER, FINANCE, LOAN_OFFICER
from accounts.tests.factories import UserFactory, staff
from loans.models import ApplicationStatus, Loan, LoanApplication, LoanStatus
from loans.services.applications import application_recommend, application_submit
from loans.tests.factories import (
    ProductFactory,
    approved_application,
    draft_application,
    kyc_verified_borrower,
)

pytestmark = pytest.mark.django_db

CHANGELIST = reverse("admin:loans_loanapplication_changelist")


def _change_url(app) -> str:
    return reverse("admin:loans_loanapplication_change", args=[app.pk])


def _submitted(**kwargs) -> LoanApplication:
    app = draft_application(**kwargs)
    return application_submit(acting_user=app.created_by, application=app)


def _fresh(app) -> LoanApplication:
    return LoanApplication.objects.get(pk=app.pk)


def _act(client, action: str, apps, follow=True, **extra):
    data = {"action": action, ACTION_CHECKBOX_NAME: [a.pk for a in apps], **extra}
    return client.post(CHANGELIST, data, follow=follow)


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def _logged_in(client, user):
    client.force_login(user)
    return client


# --- who sees the queue ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (LOAN_OFFICER, 200),
        (CREDIT_MANAGER, 200),
        (FINANCE, 200),
        (AUDITOR, 200),
        (COLLECTOR, 403),
    ],
)
def test_changelist_by_role(client, role, status):
    draft_application()
    assert _logged_in(client, staff(role)).get(CHANGELIST).status_code == status


def test_borrowers_are_sent_to_the_console_login(client):
    app = draft_application()
    response = _logged_in(client, app.borrower).get(CHANGELIST)
    assert response.status_code == 302 and reverse("admin:login") in response["Location"]


def test_columns_and_action_choices_follow_the_role(client):
    app = draft_application()
    html = _logged_in(client, staff(LOAN_OFFICER)).get(CHANGELIST).content.decode()
    for column in ("Borrower", "Product", "Amount", "Tenure", "Status", "Score", "Grade"):
        assert f">{column}<" in html
    assert "column-created_by" in html and "column-created_at" in html
    assert app.borrower.email in html
    assert 'value="recommend_selected"' in html and 'value="approve_selected"' not in html

    html = _logged_in(client, staff(CREDIT_MANAGER)).get(CHANGELIST).content.decode()
    assert 'value="approve_selected"' in html and 'value="reject_selected"' in html
    assert 'value="recommend_selected"' not in html

    html = _logged_in(client, staff(AUDITOR)).get(CHANGELIST).content.decode()
    assert 'name="action"' not in html  # read-only: no actions at all


def _listed(response) -> set[int]:
    return {a.pk for a in response.context["cl"].result_list}


def test_filters_and_search(client):
    officer = staff(LOAN_OFFICER)
    by_officer = draft_application(officer=officer)
    scored = _submitted(monthly_income=Decimal("15000.00"))  # grade E
    person = kyc_verified_borrower(user__email="asha.rao@example.in")
    own = draft_application(borrower=person, officer=person)
    _logged_in(client, staff(CREDIT_MANAGER))
    assert _listed(client.get(CHANGELIST, {"status__exact": "draft"})) == {by_officer.pk, own.pk}
    assert _listed(client.get(CHANGELIST, {"grade": "E"})) == {scored.pk}
    assert _listed(client.get(CHANGELIST, {"officer": officer.pk})) == {by_officer.pk}
    assert _listed(client.get(CHANGELIST, {"officer": "self"})) == {own.pk}
    assert _listed(client.get(CHANGELIST, {"q": "asha.rao"})) == {own.pk}
    # An id matches exactly; the same digits inside a factory email match too.
    term = str(scored.pk)
    expected = {scored.pk} | {
        a.pk for a in (by_officer, scored, own) if term in a.borrower.email.lower()
    }
    assert _listed(client.get(CHANGELIST, {"q": term})) == expected
    day = scored.created_at
    dated = client.get(CHANGELIST, {"created_at__year": day.year, "created_at__month": day.month})
    assert dated.status_code == 200 and len(_listed(dated)) == 3


def _changelist_queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(CHANGELIST).status_code == 200
    return len(captured)


def test_changelist_query_count_does_not_grow_with_rows(client, django_assert_max_num_queries):
    product = ProductFactory()
    officer = staff(LOAN_OFFICER)
    _logged_in(client, staff(CREDIT_MANAGER))
    draft_application(product=product, officer=officer)
    few = _changelist_queries(client)
    for _ in range(12):
        draft_application(product=product)
    _submitted(product=product)
    assert _changelist_queries(client) == few
    with django_assert_max_num_queries(12):
        client.get(CHANGELIST)


# --- actions ---------------------------------------------------------------------------------


def test_the_workflow_by_console_actions_then_the_kfs_page(client):
    app = _submitted()
    officer, checker = staff(LOAN_OFFICER), staff(CREDIT_MANAGER)

    # The first click shows the confirmation page; nothing happens until it is confirmed.
    page = _act(_logged_in(client, officer), "recommend_selected", [app])
    assert page.status_code == 200 and "Recommend 1 application" in page.content.decode()
    assert _fresh(app).status == ApplicationStatus.SUBMITTED
    response = _act(client, "recommend_selected", [app], apply="1", note="Payslips seen.")
    assert _messages(response) == ["Recommended 1 application."]
    assert _fresh(app).status == ApplicationStatus.UNDER_REVIEW
    assert _fresh(app).recommended_by == officer

    page = _act(_logged_in(client, checker), "approve_selected", [app])
    assert page.status_code == 200 and _fresh(app).status == ApplicationStatus.UNDER_REVIEW
    response = _act(client, "approve_selected", [app], apply="1")
    approved = _fresh(app)
    assert approved.status == ApplicationStatus.APPROVED and approved.decided_by == checker
    assert _messages(response) == [
        f"Application #{app.pk} approved: an offer of ₹{approved.offered_amount} at "
        f"{approved.offered_rate}% a year (APR {approved.kfs['apr']}%), open until "
        f"{approved.offer_expires_on:%d %b %Y}."
    ]
    assert approved.offered_rate is not None and approved.kfs_hash

    kfs_url = reverse("loans:kfs", args=[app.pk])
    _logged_in(client, app.borrower).post(kfs_url, {"agree": "on", "kfs_hash": approved.kfs_hash})
    assert Loan.objects.get(application=app).status == LoanStatus.PENDING_DISBURSEMENT


def test_maker_checker_refusal_is_reported_in_plain_words(client):
    maker = UserFactory(roles=[LOAN_OFFICER, CREDIT_MANAGER])
    app = application_recommend(acting_user=maker, application=_submitted())
    response = _act(_logged_in(client, maker), "approve_selected", [app], follow=False, apply="1")
    assert response.status_code == 200  # the page again, with the refusal above the form
    assert (
        f"You created, recommended or applied for application #{app.pk}; another credit "
        "manager must approve it."
    ) in response.content.decode()
    assert _fresh(app).status == ApplicationStatus.UNDER_REVIEW and _fresh(app).kfs is None
    event = AuditEvent.objects.get(action="application.approve_refused", outcome="denied")
    assert event.actor == maker and event.target_id == str(app.pk)


def test_approve_is_one_application_at_a_time(client):
    first, second = _submitted(), _submitted()
    response = _act(_logged_in(client, staff(CREDIT_MANAGER)), "approve_selected", [first, second])
    assert _messages(response) == [
        "Select exactly one application: each credit decision has its own confirmation page."
    ]
    assert {_fresh(first).status, _fresh(second).status} == {ApplicationStatus.SUBMITTED}


def test_reject_asks_for_the_reason_first(client):
    app = _submitted()
    _logged_in(client, staff(CREDIT_MANAGER))
    page = _act(client, "reject_selected", [app])
    assert page.status_code == 200
    html = page.content.decode()
    assert "Reason for rejecting" in html and f"Application #{app.pk}" in html
    assert _fresh(app).status == ApplicationStatus.SUBMITTED

    again = _act(client, "reject_selected", [app], apply="1", reason="")
    assert "This field is required." in again.content.decode()
    assert _fresh(app).status == ApplicationStatus.SUBMITTED

    done = _act(client, "reject_selected", [app], apply="1", reason="Income not proven")
    assert _messages(done) == ["Rejected 1 application."]
    rejected = _fresh(app)
    assert rejected.status == ApplicationStatus.REJECTED
    assert rejected.decision_reason == "Income not proven"


def test_an_officer_cannot_run_a_credit_managers_action(client):
    app = _submitted()
    response = _act(_logged_in(client, staff(LOAN_OFFICER)), "approve_selected", [app])
    assert response.status_code == 200
    assert _fresh(app).status == ApplicationStatus.SUBMITTED


# --- the read-only change page ----------------------------------------------------------------


def test_change_page_shows_reasons_kfs_and_consent_read_only(client):
    app = approved_application()
    client.force_login(app.borrower)
    client.post(reverse("loans:kfs", args=[app.pk]), {"agree": "on", "kfs_hash": app.kfs_hash})
    loan = Loan.objects.get(application=app)

    _logged_in(client, staff(CREDIT_MANAGER))
    response = client.get(_change_url(app))
    assert response.status_code == 200
    html = response.content.decode()
    for reason in app.reasons:
        assert reason["text"] in html
    assert f"{app.kfs['apr']}%" in html and reverse("loans:kfs", args=[app.pk]) in html
    assert "Accepted by " + app.borrower.email in html and "matches the offer" in html
    assert f"Loan #{loan.pk}" in html
    assert 'name="_save"' not in html
    assert 'name="amount"' not in html and 'name="status"' not in html


def test_no_add_no_edit_no_delete(client):
    app = _submitted()
    _logged_in(client, UserFactory(is_superuser=True, is_staff=True))
    assert client.get(reverse("admin:loans_loanapplication_add")).status_code == 403
    response = client.post(_change_url(app), {"amount": "1.00", "status": "approved"})
    assert response.status_code == 403
    event = AuditEvent.objects.get(action="guard.denied")
    assert event.after["fields"] == ["amount", "status"] and event.target_id == str(app.pk)
    assert client.post(_change_url(app), {"purpose": "Other"}).status_code == 403
    assert (
        client.post(
            reverse("admin:loans_loanapplication_delete", args=[app.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    unchanged = _fresh(app)
    assert unchanged.status == ApplicationStatus.SUBMITTED and unchanged.amount == app.amount
    assert unchanged.purpose == app.purpose
