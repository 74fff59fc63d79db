"""Each role's home page (console.selectors.queues, the admin index): the right counts,
nothing from another collector or maker, links that open the filtered list, and a query
count that does not grow with the book."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import AuditEvent, KycDocument, KycStatus
from accounts.roles import (
    AUDITOR,
    COLLECTIONS_MANAGER,
    COLLECTOR,
    CREDIT_MANAGER,
    FINANCE,
    LOAN_OFFICER,
)
from accounts.services.roles import role_change_approve, role_change_propose
from accounts.tests.factories import staff
from collection.models import CaseStatus
from collection.tests.factories_desk import CaseFactory, PromiseFactory
from console.selectors.queues import home_sections
from lendingsite.dates import today_ist
from loans.models import ApplicationStatus, LoanApplication
from loans.tests.factories import draft_application, kyc_verified_borrower

pytestmark = pytest.mark.django_db


def queues(user) -> dict[str, int]:
    return {q.label: q.count for s in home_sections(user) for q in s.queues}


def set_app(app, **fields):
    LoanApplication.objects.filter(pk=app.pk).update(**fields)


def test_loan_officer_counts_applications_kyc_and_only_their_own_recommendations():
    me, other = staff(LOAN_OFFICER), staff(LOAN_OFFICER)
    submitted = draft_application(officer=me)
    set_app(submitted, status=ApplicationStatus.SUBMITTED)
    mine = draft_application(officer=me)
    set_app(mine, status=ApplicationStatus.UNDER_REVIEW, recommended_by=me)
    theirs = draft_application(officer=other)
    set_app(theirs, status=ApplicationStatus.UNDER_REVIEW, recommended_by=other)
    draft_application(officer=me)  # a draft is nobody's work yet
    # two documents of one more borrower wait for a checker:
    profile = kyc_verified_borrower().profile
    KycDocument.objects.filter(profile=profile).update(status=KycStatus.PENDING)

    got = queues(me)
    assert got["Applications to review"] == 1
    assert got["KYC documents to verify"] == 2
    assert got["My recommendations waiting for a decision"] == 1
    assert queues(other)["My recommendations waiting for a decision"] == 1


def test_credit_manager_never_sees_own_recommendation_as_waiting():
    cm1, cm2 = staff(CREDIT_MANAGER), staff(CREDIT_MANAGER)
    officer = staff(LOAN_OFFICER)
    by_officer = draft_application(officer=officer)
    set_app(by_officer, status=ApplicationStatus.UNDER_REVIEW, recommended_by=officer)
    by_cm1 = draft_application(officer=officer)
    set_app(by_cm1, status=ApplicationStatus.UNDER_REVIEW, recommended_by=cm1)
    lapsing = draft_application(officer=officer)
    set_app(
        lapsing,
        status=ApplicationStatus.APPROVED,
        offer_expires_on=today_ist() + timedelta(days=1),
    )

    assert queues(cm1)["Decisions waiting for me"] == 1
    assert queues(cm2)["Decisions waiting for me"] == 2
    assert queues(cm1)["Offers lapsing within 3 days"] == 1


def test_collector_sees_only_own_cases():
    me, other = staff(COLLECTOR), staff(COLLECTOR)
    today = today_ist()
    mine = CaseFactory(assigned_to=me)
    PromiseFactory(case=mine, promised_on=today)
    CaseFactory(assigned_to=me, status=CaseStatus.BROKEN_PROMISE)
    theirs = CaseFactory(assigned_to=other, status=CaseStatus.BROKEN_PROMISE)
    PromiseFactory(case=theirs, promised_on=today)
    CaseFactory(assigned_to=other)

    got = queues(me)
    assert got["Promises due today"] == 1
    assert got["Broken promises"] == 1
    assert got["Not contacted in 7 days"] == 2
    (section,) = home_sections(me)
    assert {row[0][0] for row in section.table_rows} == {f"#{mine.pk}", f"#{mine.pk + 1}"}


def test_collections_manager_sees_unassigned_and_each_collectors_load():
    c1, c2 = staff(COLLECTOR), staff(COLLECTOR)
    CaseFactory(assigned_to=c1, overdue_amount=Decimal("100.00"))
    CaseFactory(assigned_to=c1, overdue_amount=Decimal("50.50"))
    CaseFactory(assigned_to=None)
    (section,) = home_sections(staff(COLLECTIONS_MANAGER))
    assert section.queues[0].count == 1
    loads = {row[0][0]: (row[1], row[2][1]) for row in section.table_rows}
    assert loads[c1.email] == (2, Decimal("150.50"))
    assert loads[c2.email] == (0, None)


def test_finance_and_auditor_queues():
    fin, auditor = staff(FINANCE), staff(AUDITOR)
    roles_before = AuditEvent.objects.filter(action="role.changed").count()  # staff() made some
    AuditEvent.objects.create(action="webhook.refused", outcome="denied")
    AuditEvent.objects.create(action="role.changed")
    assert queues(fin)["Gateway payments that matched no loan (last 7 days)"] == 1
    got = queues(auditor)
    assert got["Refused and guard-denied attempts (last 7 days)"] == 1
    assert got["Role changes applied (last 7 days)"] == roles_before + 1


def test_auditor_home_shows_proposed_and_decided_role_changes(client):
    maker, checker, auditor = staff(CREDIT_MANAGER), staff(COLLECTIONS_MANAGER), staff(AUDITOR)
    target, other = staff(COLLECTOR), staff(LOAN_OFFICER)
    done = role_change_propose(acting_user=maker, user=target, roles=[FINANCE], reason="moved")
    role_change_approve(acting_user=checker, change=done)
    role_change_propose(acting_user=checker, user=other, roles=[], reason="left")
    got = queues(auditor)
    assert got["Role changes awaiting approval"] == 1
    (section,) = home_sections(auditor)
    (table,) = section.more_tables
    rows = [[v[0] if isinstance(v, tuple) else str(v) for v in r] for r in table.rows]
    assert [r[1:] for r in rows[:4]] == [
        [checker.email, "role_change.proposed", other.email, "loan officer", "no role"],
        [checker.email, "role_change.approved", target.email, "collector", "finance"],
        [checker.email, "role.changed", target.email, "collector", "finance"],
        [maker.email, "role_change.proposed", target.email, "collector", "finance"],
    ]
    client.force_login(auditor)
    html = client.get("/admin/").content.decode()
    assert "Recent role changes" in html and "role_change.approved" in html


@pytest.mark.parametrize(
    "role", [LOAN_OFFICER, CREDIT_MANAGER, FINANCE, COLLECTOR, COLLECTIONS_MANAGER, AUDITOR]
)
def test_home_page_shows_the_role_section_and_the_links_open(client, role):
    user = staff(role)
    client.force_login(user)
    page = client.get("/admin/")
    assert page.status_code == 200
    html = page.content.decode()
    assert f'id="home-{role}"' in html
    for section in home_sections(user):
        for q in filter(lambda q: q.url, section.queues):
            opened = client.get(q.url)
            # 200: the filter is one the list knows (an unknown one would redirect with ?e=1)
            assert opened.status_code == 200, (q.label, q.url, opened.status_code)
            assert "?e=1" not in opened.get("Location", "")


def _home_queries(client, user) -> int:
    client.force_login(user)
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/admin/").status_code == 200
    return len(ctx)


@pytest.mark.parametrize("role", [COLLECTOR, COLLECTIONS_MANAGER, LOAN_OFFICER])
def test_home_query_count_does_not_grow_with_the_book(client, role):
    user = staff(role)
    collector = user if role == COLLECTOR else staff(COLLECTOR)
    CaseFactory(assigned_to=collector)
    draft_application()
    small = _home_queries(client, user)
    for _ in range(3):
        CaseFactory(assigned_to=collector)
        CaseFactory(assigned_to=staff(COLLECTOR))
        draft_application()
    assert _home_queries(client, user) == small


def test_the_header_offers_reports_only_to_roles_that_may_read_one(client):
    client.force_login(staff(COLLECTOR))
    html = client.get("/admin/").content.decode()
    assert 'class="console-nav"' in html and 'href="/admin/reports/"' not in html
    client.force_login(staff(FINANCE))
    assert 'href="/admin/reports/"' in client.get("/admin/").content.decode()


def test_managers_see_the_role_changes_waiting_for_them(client):
    maker, checker = staff(CREDIT_MANAGER), staff(COLLECTIONS_MANAGER)
    role_change_propose(acting_user=maker, user=staff(COLLECTOR), roles=[AUDITOR], reason="x")
    assert queues(maker)["Role changes waiting for me"] == 0  # their own proposal
    assert queues(checker)["Role changes waiting for me"] == 1
    assert "Role changes waiting for me" not in queues(staff(LOAN_OFFICER))
    client.force_login(checker)
    (section,) = home_sections(checker)
    url = next(q.url for q in section.queues if q.label == "Role changes waiting for me")
    listed = client.get(url)
    assert listed.status_code == 200 and "1 role change" in listed.content.decode()
    client.force_login(maker)
    assert "0 role changes" in client.get(url).content.decode()
