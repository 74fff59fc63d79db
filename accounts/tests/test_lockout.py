"""django-axes: 5 failures for one username from one address lock that pair for 15 minutes."""

import re
from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.test import Client
from rest_framework.test import APIClient

from accounts.models import AuditEvent
from accounts.tests.factories import PASSWORD, borrower

IP, OTHER_IP, UA = "203.0.113.10", "203.0.113.99", "LockoutTests/1.0"
EMAIL = "asha@example.in"
RESET_LINK = re.compile(r"/accounts/password-reset/([A-Za-z0-9_-]+)/")


@pytest.fixture
def user(db):
    return borrower(user__email=EMAIL)


def _api_login(email=EMAIL, password=PASSWORD, ip=IP):
    client = APIClient(REMOTE_ADDR=ip, HTTP_USER_AGENT=UA)
    return client.post("/api/v1/auth/token/", {"email": email, "password": password}, format="json")


def _page_login(email=EMAIL, password=PASSWORD, ip=IP):
    client = Client(REMOTE_ADDR=ip, HTTP_USER_AGENT=UA)
    return client.post("/accounts/login/", {"username": email, "password": password})


def _fail_five_times(login):
    return [login(password=f"wrong password {n}").status_code for n in range(5)]


def _age_attempts(minutes: int) -> None:
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= timedelta(minutes=minutes)
        attempt.save(update_fields=["attempt_time"])


def _assert_locked_api(response):
    assert response.status_code == 429
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "account_locked"
    assert int(response["Retry-After"]) == 900


def _assert_locked_page(response):
    assert response.status_code == 429
    text = re.sub(r"\s+", " ", response.content.decode())
    assert "Too many sign-in attempts" in text
    assert "signing in is paused for 15 minutes" in text


@pytest.mark.django_db
def test_api_sixth_attempt_is_locked_even_with_the_right_password(user):
    # The fifth failure is the one that locks, so it already gets the lockout answer.
    assert _fail_five_times(_api_login) == [401, 401, 401, 401, 429]

    _assert_locked_api(_api_login())

    failed = AuditEvent.objects.filter(action="auth.login_failed")
    assert failed.count() == 6
    assert all((e.ip, e.user_agent, e.outcome) == (IP, UA, "denied") for e in failed)
    locked = AuditEvent.objects.filter(action="auth.locked_out").first()
    assert locked is not None
    assert (locked.ip, locked.user_agent, locked.outcome) == (IP, UA, "denied")
    assert locked.after == {"username": EMAIL, "ip": IP}
    assert not AuditEvent.objects.filter(action="auth.logged_in").exists()


@pytest.mark.django_db
def test_api_lock_is_per_username_and_address(user):
    other = borrower(user__email="other@example.in")
    _fail_five_times(_api_login)

    assert _api_login(ip=OTHER_IP).status_code == 200
    assert _api_login(email=other.email).status_code == 200
    _assert_locked_api(_api_login())


@pytest.mark.django_db
def test_api_lock_lifts_after_15_minutes(user):
    _fail_five_times(_api_login)
    _assert_locked_api(_api_login())

    _age_attempts(14)
    _assert_locked_api(_api_login())
    _age_attempts(16)

    response = _api_login()
    assert response.status_code == 200
    assert set(response.json()) == {"access", "refresh"}
    assert not AccessAttempt.objects.exists()  # a success resets the count


@pytest.mark.django_db
def test_page_sixth_attempt_shows_the_locked_out_page(user):
    assert _fail_five_times(_page_login) == [200, 200, 200, 200, 429]

    _assert_locked_page(_page_login())
    assert AuditEvent.objects.filter(action="auth.locked_out", ip=IP, user_agent=UA).exists()


@pytest.mark.django_db
def test_page_lock_is_per_username_and_address_and_lifts_after_15_minutes(user):
    other = borrower(user__email="other@example.in")
    _fail_five_times(_page_login)

    assert _page_login(ip=OTHER_IP).status_code == 302
    assert _page_login(email=other.email).status_code == 302
    _assert_locked_page(_page_login())

    _age_attempts(16)
    assert _page_login().status_code == 302


@pytest.mark.django_db
def test_password_reset_lifts_the_lock(user, django_capture_on_commit_callbacks):
    _fail_five_times(_api_login)
    _assert_locked_api(_api_login())

    client = APIClient(REMOTE_ADDR=IP, HTTP_USER_AGENT=UA)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/api/v1/auth/password-reset/", {"email": EMAIL}, format="json")
    token = RESET_LINK.search(mail.outbox[-1].body).group(1)
    new_password = "a brand new passphrase"
    confirmed = client.post(
        "/api/v1/auth/password-reset/confirm/",
        {"token": token, "password": new_password},
        format="json",
    )
    assert confirmed.status_code == 200

    assert _api_login(password=new_password).status_code == 200
