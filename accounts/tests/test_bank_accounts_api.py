"""Bank account endpoints: the borrower's own list and add, officers' verify, object
scoping (another person's account is 404), problem+json codes, and query counts."""

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.bank_verifiers import SandboxVerifier
from accounts.models import BankAccount, BankAccountStatus
from accounts.roles import BORROWER, FINANCE, LOAN_OFFICER
from accounts.tests.factories import (
    BankAccountFactory,
    BorrowerProfileFactory,
    UserFactory,
    staff,
)

pytestmark = pytest.mark.django_db

MINE = "/api/v1/me/bank-accounts/"
ALL = "/api/v1/bank-accounts/"
PROBLEM = "application/problem+json"


def _client(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def _problem(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["code"] == code and body["detail"]
    return body


def test_the_borrower_adds_and_lists_their_account_masked():
    profile = BorrowerProfileFactory(full_name="Priya Sharma")
    client = _client(profile.user)
    response = client.post(
        MINE,
        {"holder_name": "Priya Sharma", "account_number": "50100123456789", "ifsc": "hdfc0000184"},
        format="json",
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["account_number"] == "XXXXXXXX6789" and body["status"] == "verified"
    assert body["ifsc"] == "HDFC0000184" and body["bank_name"] == "HDFC BANK"
    assert "50100123456789" not in response.content.decode()
    listed = client.get(MINE).json()
    assert listed["count"] == 1 and listed["results"][0]["id"] == body["id"]


def test_bad_details_come_back_per_field():
    profile = BorrowerProfileFactory()
    response = _client(profile.user).post(
        MINE, {"holder_name": "X Y", "account_number": "12", "ifsc": "ZZZZ0999999"}, format="json"
    )
    body = _problem(response, 400, "validation_error")
    assert set(body["errors"]) == {"account_number", "ifsc"}


def test_without_a_profile_the_add_is_refused_in_words():
    user = UserFactory(roles=[BORROWER])
    response = _client(user).post(
        MINE,
        {"holder_name": "A B", "account_number": "123456789012", "ifsc": "HDFC0000184"},
        format="json",
    )
    _problem(response, 409, "invalid_state")


def test_staff_cannot_add_a_payout_account_as_a_borrower():
    response = _client(staff(LOAN_OFFICER)).post(
        MINE,
        {"holder_name": "A B", "account_number": "123456789012", "ifsc": "HDFC0000184"},
        format="json",
    )
    _problem(response, 403, "staff_cannot_borrow")
    assert not BankAccount.objects.exists()


def test_other_peoples_accounts_are_404_and_officers_see_all():
    mine, theirs = BankAccountFactory(), BankAccountFactory()
    client = _client(mine.profile.user)
    assert client.get(f"{ALL}{theirs.pk}/").status_code == 404
    _problem(client.post(f"{ALL}{theirs.pk}/verify/", {}, format="json"), 404, "not_found")
    assert client.get(f"{ALL}{mine.pk}/").status_code == 200
    assert {r["id"] for r in client.get(ALL).json()["results"]} == {mine.pk}
    officer = _client(staff(LOAN_OFFICER))
    assert {r["id"] for r in officer.get(ALL).json()["results"]} == {mine.pk, theirs.pk}


def test_verify_is_for_loan_officers_and_runs_the_verifier_or_records_a_document():
    profile = BorrowerProfileFactory(full_name="Kavita Joshi")
    account = BankAccountFactory(profile=profile)
    url = f"{ALL}{account.pk}/verify/"
    # The borrower and finance are refused before their body is read (403 before 400).
    _problem(
        _client(profile.user).post(url, {"evidence": "x"}, format="json"), 403, "permission_denied"
    )
    _problem(
        _client(staff(FINANCE)).post(url, {"evidence": "x"}, format="json"),
        403,
        "permission_denied",
    )
    officer = _client(staff(LOAN_OFFICER))
    response = officer.post(url, {}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "verified"
    assert response.json()["verification_method"] == "officer+sandbox"

    other = BankAccountFactory(account_number=SandboxVerifier.OTHER_NAME_ACCOUNT)
    url = f"{ALL}{other.pk}/verify/"
    assert officer.post(url, {}, format="json").json()["status"] == "failed"
    body = _problem(
        officer.post(url, {"name_seen": other.profile.full_name, "evidence": "x"}, format="json"),
        400,
        "validation_error",
    )
    assert "evidence" in body["errors"]
    response = officer.post(
        url, {"name_seen": other.profile.full_name, "evidence": "bank_statement"}, format="json"
    )
    assert response.json()["status"] == "verified"
    assert BankAccount.objects.get(pk=other.pk).status == BankAccountStatus.VERIFIED


def test_the_lists_do_not_grow_queries_with_rows(django_assert_max_num_queries):
    profile = BorrowerProfileFactory()
    officer = _client(staff(LOAN_OFFICER))
    for _ in range(3):
        BankAccountFactory()
    BankAccountFactory(profile=profile)
    with django_assert_max_num_queries(8) as few:
        assert officer.get(ALL).status_code == 200
    for _ in range(10):
        BankAccountFactory()
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert officer.get(ALL).json()["count"] == 14
    for _ in range(4):
        BankAccountFactory(profile=profile, replaced_at=timezone.now())
    borrower = _client(profile.user)
    with django_assert_max_num_queries(6):
        assert borrower.get(MINE).json()["count"] == 5
