import re
import time

import pytest
from django.core import mail
from django.utils import timezone
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken

from accounts.models import AuditEvent, EmailToken, User
from accounts.tests.factories import PASSWORD, UserFactory, borrower

GOOD_PASSWORD = "tangerine ladder cloud"
PROBLEM = "application/problem+json"
IP, UA = "203.0.113.7", "LendingsiteTests/1.0 (api)"
VERIFY_LINK = re.compile(r"/accounts/verify-email/([A-Za-z0-9_-]+)/")
RESET_LINK = re.compile(r"/accounts/password-reset/([A-Za-z0-9_-]+)/")


@pytest.fixture
def api():
    return APIClient(REMOTE_ADDR=IP, HTTP_USER_AGENT=UA)


@pytest.fixture
def post(api, django_capture_on_commit_callbacks):
    """POST as JSON with on-commit callbacks run, so emails land in the outbox."""

    def _post(path, data=None, client=None, **extra):
        with django_capture_on_commit_callbacks(execute=True):
            return (client or api).post(f"/api/v1/{path}", data or {}, format="json", **extra)

    return _post


def _signup(post, email="asha@example.in", password=GOOD_PASSWORD):
    return post(
        "auth/register/",
        {"email": email, "password": password, "full_name": "Asha Rao", "phone": "9876543210"},
    )


def _token_in_last_email(pattern) -> str:
    match = pattern.search(mail.outbox[-1].body)
    assert match, mail.outbox[-1].body
    return match.group(1)


def _login(post, email="asha@example.in", password=GOOD_PASSWORD, **extra):
    return post("auth/token/", {"email": email, "password": password}, **extra)


def _assert_problem(response, status, code):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["code"] == code
    assert body["status"] == status
    assert body["type"].endswith(f"/problems/{code}")
    assert body["title"] and body["detail"]
    return body


# --- the happy path ------------------------------------------------------------------------


@pytest.mark.django_db
def test_register_verify_login_by_api(api, post):
    response = _signup(post)
    assert response.status_code == 201
    assert mail.outbox[0].to == ["asha@example.in"]

    tokens = _login(post)
    assert tokens.status_code == 200
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens.json()['access']}")
    me = api.get("/api/v1/me/").json()
    assert me["email_verified"] is False  # may log in, may not apply yet

    verified = post("auth/verify-email/", {"token": _token_in_last_email(VERIFY_LINK)})
    assert verified.status_code == 200
    assert verified.json()["email_verified"] is True

    me = api.get("/api/v1/me/").json()
    user = User.objects.get()
    assert me == {
        "id": user.pk,
        "email": "asha@example.in",
        "full_name": "Asha Rao",
        "roles": ["borrower"],
        "email_verified": True,
        "is_staff": False,
    }


@pytest.mark.django_db
def test_access_token_lives_15_minutes(post):
    borrower(user__email="asha@example.in")
    access = AccessToken(_login(post, password=PASSWORD).json()["access"])
    assert access["exp"] - access["iat"] == 900


@pytest.mark.django_db
def test_me_needs_authentication_and_accepts_a_browser_session(api):
    _assert_problem(api.get("/api/v1/me/"), 401, "not_authenticated")
    user = borrower()
    api.force_login(user)
    assert api.get("/api/v1/me/").json()["email"] == user.email


# --- refusals as problem+json ----------------------------------------------------------------


@pytest.mark.django_db
def test_register_missing_fields_is_a_validation_problem(post):
    body = _assert_problem(
        post("auth/register/", {"email": "not-an-email"}), 400, "validation_error"
    )
    assert set(body["errors"]) == {"email", "password", "full_name", "phone"}
    assert not User.objects.exists()


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("x" * 11, "This password is too short. It must contain at least 12 characters."),
        ("x" * 129, "This password is too long. It must contain at most 128 characters."),
        ("password1234", "This password is too common."),
        ("asha.rao.lender", "The password is too similar to the email."),
    ],
    ids=["11-chars", "129-chars", "common", "like-email"],
)
@pytest.mark.django_db
def test_register_weak_password_is_a_validation_problem(post, password, message):
    response = _signup(post, email="asha.rao.lender@example.in", password=password)
    body = _assert_problem(response, 400, "validation_error")
    assert message in body["errors"]["password"]
    assert not User.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_wrong_credentials_are_401_not_authenticated(post):
    borrower(user__email="asha@example.in")
    _assert_problem(_login(post, password="wrong password here"), 401, "not_authenticated")
    _assert_problem(_login(post, email="nobody@example.in"), 401, "not_authenticated")


@pytest.mark.django_db
def test_anonymous_auth_endpoints_are_throttled_per_client(post):
    for _ in range(20):
        assert post("auth/verify-email/", {"token": "forged"}).status_code == 422
    response = post("auth/password-reset/", {"email": "asha@example.in"})
    _assert_problem(response, 429, "throttled")
    assert int(response["Retry-After"]) > 0
    assert mail.outbox == []


# --- tokens --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["forged", "used", "expired"])
@pytest.mark.django_db
def test_bad_verification_tokens_are_422_invalid_token(post, kind):
    _signup(post)
    token = _token_in_last_email(VERIFY_LINK)
    if kind == "forged":
        token = token[:-4] + "AAAA"
    elif kind == "used":
        assert post("auth/verify-email/", {"token": token}).status_code == 200
    else:
        EmailToken.objects.update(expires_at=timezone.now())

    _assert_problem(post("auth/verify-email/", {"token": token}), 422, "invalid_token")
    denied = AuditEvent.objects.get(action="auth.verify_email_refused", outcome="denied")
    assert (denied.ip, denied.user_agent) == (IP, UA)


@pytest.mark.parametrize("kind", ["forged", "used", "expired"])
@pytest.mark.django_db
def test_bad_reset_tokens_are_422_invalid_token(post, kind):
    user = borrower(user__email="asha@example.in")
    post("auth/password-reset/", {"email": "asha@example.in"})
    token = _token_in_last_email(RESET_LINK)
    if kind == "forged":
        token = token[:-4] + "AAAA"
    elif kind == "used":
        ok = post("auth/password-reset/confirm/", {"token": token, "password": GOOD_PASSWORD})
        assert ok.status_code == 200
    else:
        EmailToken.objects.update(expires_at=timezone.now())

    response = post("auth/password-reset/confirm/", {"token": token, "password": "yet another one"})
    _assert_problem(response, 422, "invalid_token")
    user.refresh_from_db()
    assert not user.check_password("yet another one")
    denied = AuditEvent.objects.get(action="auth.password_reset_refused", outcome="denied")
    assert (denied.ip, denied.user_agent) == (IP, UA)


@pytest.mark.django_db
def test_refresh_rotates_and_the_old_refresh_is_dead(post):
    borrower(user__email="asha@example.in")
    first = _login(post, password=PASSWORD).json()

    rotated = post("auth/token/refresh/", {"refresh": first["refresh"]})
    assert rotated.status_code == 200
    assert set(rotated.json()) == {"access", "refresh"}
    assert rotated.json()["refresh"] != first["refresh"]

    _assert_problem(
        post("auth/token/refresh/", {"refresh": first["refresh"]}), 401, "not_authenticated"
    )
    assert post("auth/token/refresh/", {"refresh": rotated.json()["refresh"]}).status_code == 200


@pytest.mark.django_db
def test_logout_blacklists_the_refresh_token(post):
    user = borrower(user__email="asha@example.in")
    tokens = _login(post, password=PASSWORD).json()

    assert post("auth/logout/", {"refresh": tokens["refresh"]}).status_code == 204

    _assert_problem(
        post("auth/token/refresh/", {"refresh": tokens["refresh"]}), 401, "not_authenticated"
    )
    _assert_problem(post("auth/logout/", {"refresh": tokens["refresh"]}), 401, "not_authenticated")
    event = AuditEvent.objects.get(action="auth.logged_out", outcome="success")
    assert (event.actor_id, event.ip, event.user_agent) == (user.pk, IP, UA)


@pytest.mark.django_db
def test_password_reset_ends_every_api_session(api, post):
    borrower(user__email="asha@example.in")
    old = _login(post, password=PASSWORD).json()
    # Token times are whole seconds: let the reset happen in a later second than the login,
    # as it would in life, so "issued before the reset" is decidable.
    time.sleep(1.05 - time.time() % 1)

    post("auth/password-reset/", {"email": "asha@example.in"})
    reset = post(
        "auth/password-reset/confirm/",
        {"token": _token_in_last_email(RESET_LINK), "password": GOOD_PASSWORD},
    )
    assert reset.status_code == 200

    api.credentials(HTTP_AUTHORIZATION=f"Bearer {old['access']}")
    _assert_problem(api.get("/api/v1/me/"), 401, "not_authenticated")
    api.credentials()
    _assert_problem(
        post("auth/token/refresh/", {"refresh": old["refresh"]}), 401, "not_authenticated"
    )
    _assert_problem(_login(post, password=PASSWORD), 401, "not_authenticated")

    fresh = _login(post).json()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {fresh['access']}")
    assert api.get("/api/v1/me/").status_code == 200


# --- no user enumeration -------------------------------------------------------------------


@pytest.mark.django_db
def test_register_answers_known_and_unknown_addresses_identically(post):
    borrower(user__email="known@example.in")

    known = _signup(post, email="known@example.in")
    unknown = _signup(post, email="unknown@example.in")

    assert known.status_code == unknown.status_code == 201
    assert known.content == unknown.content
    assert User.objects.filter(email="known@example.in").count() == 1
    assert [m.subject for m in mail.outbox] == [
        "You already have a Lendingsite account",
        "Confirm your email address for Lendingsite",
    ]


@pytest.mark.parametrize("path", ["auth/verify-email/resend/", "auth/password-reset/"])
@pytest.mark.django_db
def test_link_requests_answer_known_and_unknown_addresses_identically(post, path):
    UserFactory(email="known@example.in", email_verified_at=None)

    known = post(path, {"email": "known@example.in"})
    unknown = post(path, {"email": "unknown@example.in"})

    assert known.status_code == unknown.status_code == 202
    assert known.content == unknown.content
    assert [m.to for m in mail.outbox] == [["known@example.in"]]


# --- email quotas --------------------------------------------------------------------------


@pytest.mark.django_db
def test_fourth_verification_email_is_429_and_not_sent(post):
    _signup(post)
    post("auth/verify-email/resend/", {"email": "asha@example.in"})
    post("auth/verify-email/resend/", {"email": "asha@example.in"})
    assert len(mail.outbox) == 3

    response = post("auth/verify-email/resend/", {"email": "asha@example.in"})

    _assert_problem(response, 429, "throttled")
    assert 0 < int(response["Retry-After"]) <= 3600
    assert len(mail.outbox) == 3
    denied = AuditEvent.objects.get(action="auth.verify_email_resend_refused", outcome="denied")
    assert (denied.ip, denied.user_agent) == (IP, UA)


@pytest.mark.django_db
def test_sixth_reset_email_is_429_and_not_sent_for_known_and_unknown_alike(post):
    borrower(user__email="known@example.in")
    answers = {}
    for email in ("known@example.in", "unknown@example.in"):
        for _ in range(5):
            assert post("auth/password-reset/", {"email": email}).status_code == 202
        answers[email] = post("auth/password-reset/", {"email": email})

    assert len(mail.outbox) == 5
    for response in answers.values():
        _assert_problem(response, 429, "throttled")
    assert answers["known@example.in"].content == answers["unknown@example.in"].content


# --- audit ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_auth_events_are_audited_with_ip_and_user_agent(post):
    _signup(post)
    post("auth/verify-email/", {"token": _token_in_last_email(VERIFY_LINK)})
    _login(post)
    _login(post, password="not the password")
    post("auth/password-reset/", {"email": "asha@example.in"})
    post(
        "auth/password-reset/confirm/",
        {"token": _token_in_last_email(RESET_LINK), "password": "a brand new passphrase"},
    )

    events = list(AuditEvent.objects.order_by("id"))
    expected = [
        ("auth.registered", "success"),
        ("auth.email_verified", "success"),
        ("auth.logged_in", "success"),
        ("auth.login_failed", "denied"),
        ("auth.password_reset_requested", "success"),
        ("auth.password_reset", "success"),
    ]
    seen = [(e.action, e.outcome) for e in events if e.action.startswith("auth.")]
    assert seen == expected
    for event in events:
        assert (event.ip, event.user_agent) == (IP, UA), event.action
    login = next(e for e in events if e.action == "auth.logged_in")
    assert login.after == {"channel": "jwt"}
    assert next(e for e in events if e.action == "auth.login_failed").after == {
        "username": "asha@example.in"
    }
