"""Screening at sign-up and on list import; a hit blocks approval until two reviewers
clear it; a confirmed hit freezes disbursement and is in the report; all audited."""

import io
from datetime import date
from pathlib import Path

import pytest
from django.core.management import call_command
from rest_framework.test import APIClient

from accounts.models import AuditEvent
from accounts.roles import AUDITOR, CREDIT_MANAGER, FINANCE
from accounts.screening.models import HitStatus, ScreeningHit
from accounts.screening.services import sanctions_list_import, screening_hit_review
from accounts.services.profile import borrower_profile_create
from accounts.tests.factories import UserFactory, staff
from lendingsite.errors import DomainError
from loans.models import ApplicationStatus, LoanApplication, LoanStatus
from loans.services.loans import loan_disburse
from loans.tests.factories import draft_application, pending_loan

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


def lists():
    sanctions_list_import(source="un", path=FIXTURES / "un_consolidated_sample.xml")


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


def submitted(full_name: str):
    from loans.services.applications import application_submit

    app = draft_application()
    profile = app.borrower.profile
    profile.full_name = full_name
    profile.save()
    return application_submit(acting_user=app.created_by, application=app)


def test_sign_up_screens_the_new_borrower():
    lists()
    person = UserFactory(full_name="Daud Ibrahim Kaskar")
    borrower_profile_create(
        acting_user=person, user=person, phone="+919812345678", date_of_birth=date(1955, 12, 26)
    )
    hit = ScreeningHit.objects.get(user=person)
    assert hit.entry_key == "un:QDi.135" and hit.trigger == "signup" and hit.score >= 85
    assert any("matches" in r for r in hit.reasons)
    clean = UserFactory(full_name="Ananya Iyer")
    borrower_profile_create(acting_user=clean, user=clean, phone="+919812345679")
    assert not ScreeningHit.objects.filter(user=clean).exists()


def test_a_hit_blocks_approval_until_two_reviewers_clear_it():
    lists()
    app = submitted("Mohd Hafiz Saeed")
    manager, second = staff(CREDIT_MANAGER), staff(CREDIT_MANAGER)
    url = f"/api/v1/applications/{app.pk}/approve/"
    refused = api(manager).post(url, {}, format="json")
    assert refused.status_code == 409 and refused.json()["code"] == "screening_hit"
    assert LoanApplication.objects.get(pk=app.pk).status != ApplicationStatus.APPROVED
    hit = ScreeningHit.objects.get(user=app.borrower)  # kept although approval rolled back
    assert hit.trigger == "approval" and hit.status == HitStatus.OPEN
    assert api(manager).post(url, {}, format="json").json()["code"] == "screening_hit"

    hits = api(manager).get("/api/v1/screening/hits/?status=open").json()["results"]
    assert [h["id"] for h in hits] == [hit.pk]
    first = api(manager).post(
        f"/api/v1/screening/hits/{hit.pk}/clear/",
        {"reason": "different father's name, PAN checked"},
        format="json",
    )
    assert first.json()["status"] == "clear_proposed"
    same = api(manager).post(
        f"/api/v1/screening/hits/{hit.pk}/clear/", {"reason": "again"}, format="json"
    )
    assert same.status_code == 403 and same.json()["code"] == "maker_checker"
    assert api(manager).post(url, {}, format="json").json()["code"] == "screening_hit"
    done = api(second).post(
        f"/api/v1/screening/hits/{hit.pk}/clear/", {"reason": "agree"}, format="json"
    )
    assert done.json()["status"] == "cleared"

    approved = api(manager).post(url, {}, format="json")
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    reviews = AuditEvent.objects.filter(
        action__in=["screening.reviewed", "screening.review_refused"]
    ).values_list("action", "outcome")
    assert sorted(reviews) == [
        ("screening.review_refused", "denied"),
        ("screening.reviewed", "success"),
        ("screening.reviewed", "success"),
    ]


def test_only_reviewers_see_or_decide_hits():
    lists()
    app = submitted("Hafiz Muhammad Saeed")
    with pytest.raises(DomainError):
        from accounts.screening.services import screening_approval_gate

        screening_approval_gate(user=app.borrower)
    from accounts.screening.services import borrower_screen

    hit = borrower_screen(user=app.borrower, trigger="manual")[0]
    assert api(staff(FINANCE)).get("/api/v1/screening/hits/").json()["results"] == []
    assert (
        api(staff(FINANCE))
        .post(f"/api/v1/screening/hits/{hit.pk}/confirm/", {"reason": "x"}, format="json")
        .status_code
        == 404
    )
    assert len(api(staff(AUDITOR)).get("/api/v1/screening/hits/").json()["results"]) == 1
    refused = api(staff(AUDITOR)).post(
        f"/api/v1/screening/hits/{hit.pk}/confirm/", {"reason": "x"}, format="json"
    )
    assert refused.status_code == 403


def test_a_confirmed_hit_freezes_disbursement_and_is_reported():
    loan = pending_loan()
    lists()
    profile = loan.borrower.profile
    profile.full_name = "Zakiur Rehman Lakhvi"
    profile.save()
    out = io.StringIO()
    call_command(
        "screening_import",
        "--format",
        "un",
        str(FIXTURES / "un_consolidated_sample.xml"),
        stdout=out,
    )
    assert "1 new hit" in out.getvalue()
    hit = ScreeningHit.objects.get(user=loan.borrower)
    assert hit.trigger == "list_import"
    screening_hit_review(
        acting_user=staff(CREDIT_MANAGER), hit=hit, decision="confirm", reason="same person"
    )
    screening_hit_review(
        acting_user=staff(CREDIT_MANAGER), hit=hit, decision="confirm", reason="agreed"
    )
    with pytest.raises(DomainError) as frozen:
        loan_disburse(
            acting_user=staff(FINANCE), loan=loan, disbursed_on=date.today(), reference="UTR1"
        )
    assert frozen.value.code == "screening_hit"
    assert loan.__class__.objects.get(pk=loan.pk).status == LoanStatus.PENDING_DISBURSEMENT
    report = io.StringIO()
    call_command("screening_report", stdout=report)
    assert loan.borrower.email in report.getvalue() and "un:QDi.264" in report.getvalue()


def test_rescreen_on_import_does_not_raise_a_reviewed_hit_again():
    lists()
    app = submitted("Abdul Rauf Azhar")
    from accounts.screening.services import borrower_screen

    hit = borrower_screen(user=app.borrower, trigger="manual")[0]
    screening_hit_review(acting_user=staff(CREDIT_MANAGER), hit=hit, decision="clear", reason="a")
    screening_hit_review(acting_user=staff(CREDIT_MANAGER), hit=hit, decision="clear", reason="b")
    call_command(
        "screening_import",
        "--format",
        "un",
        str(FIXTURES / "un_consolidated_sample.xml"),
        stdout=io.StringIO(),
    )
    assert ScreeningHit.objects.filter(user=app.borrower).count() == 1
