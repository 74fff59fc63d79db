"""Moderation from an account's page (accounts.services.moderation, accounts.admin.moderation):
each action one audited service call; refusals write nothing but their refusal."""

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from accounts.models import AuditEvent, User
from accounts.roles import LOAN_OFFICER
from accounts.services.moderation import (
    user_deactivate,
    user_password_reset_force,
    user_reactivate,
    user_sessions_end,
)
from accounts.tests.factories import PASSWORD, borrower, staff
from lendingsite.errors import DomainError

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_user():
    return User.objects.create_superuser(email="root@example.in", password=PASSWORD)


def signed_in_sessions(user) -> int:
    return sum(
        1 for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(user.pk)
    )


def test_deactivate_ends_every_session_and_reactivate_restores(admin_user):
    target = borrower()
    Client().force_login(target)
    assert signed_in_sessions(target) == 1
    user_deactivate(acting_user=admin_user, user=target, reason="Fraud report 42")
    target = User.objects.get(pk=target.pk)
    assert not target.is_active and target.credentials_changed_at is not None
    assert signed_in_sessions(target) == 0
    event = AuditEvent.objects.get(action="user.deactivated")
    assert event.after["reason"] == "Fraud report 42" and event.after["sessions_ended"] == 1
    with pytest.raises(DomainError):
        user_deactivate(acting_user=admin_user, user=target, reason="again")
    user_reactivate(acting_user=admin_user, user=target)
    assert User.objects.get(pk=target.pk).is_active
    assert AuditEvent.objects.filter(action="user.reactivated").count() == 1


def test_force_reset_makes_the_password_unusable_and_ends_sessions(admin_user):
    target = borrower()
    Client().force_login(target)
    user_password_reset_force(acting_user=admin_user, user=target)
    target = User.objects.get(pk=target.pk)
    assert not target.has_usable_password()
    assert signed_in_sessions(target) == 0
    assert target.check_password(PASSWORD) is False


def test_sessions_end(admin_user):
    target = borrower()
    Client().force_login(target)
    Client().force_login(target)
    assert user_sessions_end(acting_user=admin_user, user=target)["sessions_ended"] == 2


def test_refusals_write_only_their_refusal(admin_user):
    officer = staff(LOAN_OFFICER)
    target = borrower()
    with pytest.raises(DomainError):
        user_deactivate(acting_user=officer, user=target, reason="x")  # no permission
    with pytest.raises(DomainError):
        user_deactivate(acting_user=admin_user, user=admin_user, reason="x")  # own account
    with pytest.raises(DomainError):
        user_deactivate(acting_user=admin_user, user=target, reason="  ")  # no reason
    assert User.objects.get(pk=target.pk).is_active
    assert AuditEvent.objects.filter(action="user.deactivated").count() == 0
    assert (
        AuditEvent.objects.filter(action="user.deactivate_refused", outcome="denied").count() == 3
    )


def test_the_buttons_on_the_user_page_call_the_services(client, admin_user):
    target = borrower()
    AccessAttempt.objects.create(
        username=target.email, ip_address="10.0.0.1", user_agent="x", failures_since_start=9
    )
    client.force_login(admin_user)
    page = client.get(reverse("admin:accounts_user_change", args=[target.pk]))
    html = page.content.decode()
    for label in ("Deactivate", "End all sessions", "Force a password reset", "Unlock sign-in"):
        assert label in html
    url = lambda what: reverse("admin:accounts_user_moderate", args=[target.pk, what])  # noqa: E731
    client.post(url("deactivate"), {"reason": "Asked by the borrower"})
    assert not User.objects.get(pk=target.pk).is_active
    client.post(url("unlock"))
    assert not AccessAttempt.objects.filter(username=target.email).exists()
    assert client.get(url("reactivate")).status_code == 403  # a GET changes nothing
    client.post(url("reactivate"))
    assert User.objects.get(pk=target.pk).is_active


def test_an_officer_gets_no_buttons_and_a_refusal(client):
    officer = staff(LOAN_OFFICER)
    target = borrower()
    client.force_login(officer)
    page = client.get(reverse("admin:accounts_user_change", args=[target.pk]))
    assert "Force a password reset" not in page.content.decode()
    client.post(
        reverse("admin:accounts_user_moderate", args=[target.pk, "deactivate"]), {"reason": "x"}
    )
    assert User.objects.get(pk=target.pk).is_active
