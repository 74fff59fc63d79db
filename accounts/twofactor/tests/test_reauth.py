"""Re-authentication (password + code within REAUTH_MAX_AGE_MINUTES) before approve,
disburse, reverse, waive and role changes, in the API and the console."""

import time

import pytest
from django.test import Client
from rest_framework.test import APIClient

from accounts.models import AuditEvent, RoleChange
from accounts.roles import COLLECTIONS_MANAGER, CREDIT_MANAGER, FINANCE
from accounts.tests.factories import PASSWORD, staff
from accounts.twofactor.policy import REAUTH_SESSION_KEY
from accounts.twofactor.tests.helpers import enrol, fresh_code
from loans.models import ApplicationStatus, LoanApplication
from loans.services.applications import application_submit
from loans.tests.factories import draft_application, pending_loan

pytestmark = [pytest.mark.django_db, pytest.mark.real_second_factor]


def bearer(user, device):
    answer = APIClient().post(
        "/api/v1/auth/token/",
        {"email": user.email, "password": PASSWORD, "otp": fresh_code(device)},
        format="json",
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {answer.json()['access']}")
    return client


def submitted_application():
    app = draft_application()
    return application_submit(acting_user=app.created_by, application=app)


def test_api_approve_needs_a_recent_reauthentication():
    manager = staff(CREDIT_MANAGER)
    device = enrol(manager)
    app = submitted_application()
    client = bearer(manager, device)
    refused = client.post(f"/api/v1/applications/{app.pk}/approve/", {}, format="json")
    assert refused.status_code == 401
    assert refused.json()["code"] == "reauth_required"
    assert LoanApplication.objects.get(pk=app.pk).status != ApplicationStatus.APPROVED

    wrong = client.post(
        "/api/v1/auth/reauth/", {"password": "not it", "otp": fresh_code(device)}, format="json"
    )
    assert wrong.status_code == 401 and wrong.json()["code"] == "reauth_required"
    again = client.post(
        "/api/v1/auth/reauth/", {"password": PASSWORD, "otp": fresh_code(device)}, format="json"
    )
    assert again.status_code == 200
    fresh = APIClient()
    fresh.credentials(HTTP_AUTHORIZATION=f"Bearer {again.json()['access']}")
    done = fresh.post(f"/api/v1/applications/{app.pk}/approve/", {}, format="json")
    assert done.status_code == 200, done.content
    assert done.json()["status"] == "approved"
    assert AuditEvent.objects.filter(action="twofactor.reauthenticated", actor=manager).exists()


def test_reauthentication_expires(settings, monkeypatch):
    settings.REAUTH_MAX_AGE_MINUTES = 5
    manager = staff(CREDIT_MANAGER)
    device = enrol(manager)
    app = submitted_application()
    client = APIClient()
    first = _access(manager, device)
    answer = client.post(
        "/api/v1/auth/reauth/",
        {"password": PASSWORD, "otp": fresh_code(device)},
        format="json",
        HTTP_AUTHORIZATION=f"Bearer {first}",
    )
    access = answer.json()["access"]
    later = time.time() + 5 * 60 + 1
    monkeypatch.setattr(time, "time", lambda: later)
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    response = client.post(f"/api/v1/applications/{app.pk}/approve/", {}, format="json")
    assert response.status_code == 401 and response.json()["code"] == "reauth_required"


def _access(user, device):
    return (
        APIClient()
        .post(
            "/api/v1/auth/token/",
            {"email": user.email, "password": PASSWORD, "otp": fresh_code(device)},
            format="json",
        )
        .json()["access"]
    )


def verified_console(user, device) -> Client:
    client = Client()
    client.force_login(user)
    client.post("/accounts/2fa/verify/", {"code": fresh_code(device)})
    return client


def test_console_disburse_sends_to_reauth_then_works_until_it_expires(settings):
    settings.REAUTH_MAX_AGE_MINUTES = 5
    finance = staff(FINANCE)
    device = enrol(finance)
    loan = pending_loan()
    client = verified_console(finance, device)
    action = {"action": "disburse_selected", "_selected_action": [loan.pk]}
    refused = client.post("/admin/loans/loan/", action)
    assert refused.status_code == 302
    assert refused["Location"].startswith("/accounts/2fa/reauth/?next=/admin/loans/loan/")

    bad = client.post("/accounts/2fa/reauth/", {"password": "nope", "code": fresh_code(device)})
    assert bad.status_code == 200
    assert "The password or the code is not right." in bad.content.decode()
    # The page and the API prove identity through one service: the refusal is on record.
    refused_event = AuditEvent.objects.filter(action="twofactor.reauthenticate_refused").get()
    assert refused_event.actor == finance and refused_event.outcome == "denied"
    ok = client.post(
        "/accounts/2fa/reauth/",
        {"password": PASSWORD, "code": fresh_code(device), "next": "/admin/loans/loan/"},
    )
    assert ok.status_code == 302 and ok["Location"] == "/admin/loans/loan/"
    assert AuditEvent.objects.filter(action="twofactor.reauthenticated", actor=finance).count() == 1
    page = client.post("/admin/loans/loan/", action)
    assert page.status_code == 200  # the disbursement form, not the re-auth page

    session = client.session
    session[REAUTH_SESSION_KEY] = time.time() - 5 * 60 - 1
    session.save()
    assert client.post("/admin/loans/loan/", action)["Location"].startswith("/accounts/2fa/reauth/")


def test_role_changes_in_the_console_need_reauthentication():
    maker, checker = staff(CREDIT_MANAGER), staff(COLLECTIONS_MANAGER)
    target = staff(FINANCE)
    client = verified_console(maker, enrol(maker))
    page = f"/admin/accounts/user/{target.pk}/change/"
    assert client.get(page).status_code == 200  # reading needs no re-auth
    propose = f"/admin/accounts/user/{target.pk}/roles/propose/"
    form = {"roles": ["credit_manager"], "reason": "promoted"}
    refused = client.post(propose, form)
    # Back to the account's page afterwards: the propose URL answers only POST.
    assert refused["Location"] == f"/accounts/2fa/reauth/?next={page}"
    assert not RoleChange.objects.exists()
    device = maker.totpdevice_set.get()
    client.post("/accounts/2fa/reauth/", {"password": PASSWORD, "code": fresh_code(device)})
    assert client.post(propose, form).status_code == 302
    change = RoleChange.objects.get()

    other = verified_console(checker, enrol(checker))
    decide = f"/admin/accounts/user/role-changes/{change.pk}/approve/"
    assert other.get(decide).status_code == 200  # the confirmation page
    assert other.post(decide)["Location"] == f"/accounts/2fa/reauth/?next={decide}"
    target.refresh_from_db()
    assert target.roles == [FINANCE]


def test_wrong_passwords_at_reauth_count_towards_the_lockout(settings):
    manager = staff(CREDIT_MANAGER)
    device = enrol(manager)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {_access(manager, device)}")
    codes = []
    for _ in range(settings.AXES_FAILURE_LIMIT + 1):
        answer = client.post(
            "/api/v1/auth/reauth/", {"password": "guess", "otp": "000000"}, format="json"
        )
        codes.append(answer.json()["code"])
    assert codes[0] == "reauth_required"
    assert codes[-1] == "account_locked"


def test_a_wrong_code_on_the_sign_in_page_is_refused_on_record():
    officer = staff(FINANCE)
    device = enrol(officer)
    client = Client()
    client.force_login(officer)
    wrong = client.post("/accounts/2fa/verify/", {"code": "000000"})
    assert wrong.status_code == 200
    assert "That code is not right." in wrong.content.decode()
    assert AuditEvent.objects.filter(action="twofactor.verify_refused", actor=officer).exists()
    assert not AuditEvent.objects.filter(action="twofactor.verified").exists()
    right = client.post("/accounts/2fa/verify/", {"code": fresh_code(device)})
    assert right.status_code == 302
    assert AuditEvent.objects.filter(action="twofactor.verified", actor=officer).count() == 1
