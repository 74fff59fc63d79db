"""API: a staff token needs the code; staff tokens and sessions without it are refused."""

import pytest
from django.test import Client
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import RefreshToken

from accounts.roles import FINANCE
from accounts.tests.factories import PASSWORD, borrower, staff
from accounts.twofactor.services import recovery_codes_regenerate
from accounts.twofactor.tests.helpers import enrol, fresh_code

pytestmark = [pytest.mark.django_db, pytest.mark.real_second_factor]


def token(email, password=PASSWORD, **extra):
    body = {"email": email, "password": password, **extra}
    return APIClient().post("/api/v1/auth/token/", body, format="json")


def problem(response, status, code):
    assert response.status_code == status, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == code
    return response.json()


def me(access):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client.get("/api/v1/me/")


def test_staff_without_a_device_get_no_token_and_are_sent_to_enrol():
    user = staff(FINANCE)
    body = problem(token(user.email, otp="123456"), 401, "mfa_required")
    assert "/accounts/2fa/setup/" in body["detail"]


def test_staff_token_needs_a_valid_code():
    user = staff(FINANCE)
    device = enrol(user)
    problem(token(user.email), 401, "mfa_required")
    problem(token(user.email, otp="000000"), 401, "otp_invalid")
    problem(
        token(user.email, password="wrong password", otp=fresh_code(device)),
        401,
        "not_authenticated",
    )
    answer = token(user.email, otp=fresh_code(device))
    assert answer.status_code == 200
    assert me(answer.json()["access"]).json()["email"] == user.email


def test_a_staff_token_made_without_the_code_is_refused_everywhere():
    user = staff(FINANCE)
    enrol(user)
    forged = RefreshToken.for_user(user)  # e.g. minted before this rule existed
    problem(me(str(forged.access_token)), 401, "mfa_required")


def test_a_staff_browser_session_without_the_code_cannot_use_the_api():
    user = staff(FINANCE)
    enrol(user)
    client = APIClient()
    client.force_login(user)
    problem(client.get("/api/v1/me/"), 401, "mfa_required")


def test_recovery_codes_work_for_a_token_once():
    user = staff(FINANCE)
    enrol(user)
    code = recovery_codes_regenerate(user=user)[3]
    assert token(user.email, otp=code).status_code == 200
    problem(token(user.email, otp=code), 401, "otp_invalid")


def test_borrowers_get_tokens_with_the_password_alone_until_they_opt_in():
    user = borrower()
    assert token(user.email).status_code == 200
    device = enrol(user)
    problem(token(user.email), 401, "mfa_required")
    assert token(user.email, otp=fresh_code(device)).status_code == 200


def test_session_verified_by_the_code_page_can_use_the_api():
    user = staff(FINANCE)
    device = enrol(user)
    client = Client()
    client.force_login(user)
    client.post("/accounts/2fa/verify/", {"code": fresh_code(device)})
    assert client.get("/api/v1/me/").status_code == 200
