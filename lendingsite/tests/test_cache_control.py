"""Personal answers are never stored by a cache (issue 12, item 8): every answer to a
signed-in caller, API or page, carries `Cache-Control: no-store`."""

import pytest
from django.test import Client
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken

from loans.tests.factories import active_loan

pytestmark = pytest.mark.django_db


def _no_store(response) -> bool:
    directives = {d.strip() for d in response.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives


def test_api_answers_to_a_bearer_token_are_not_stored():
    loan = active_loan()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {AccessToken.for_user(loan.borrower)}")
    for path in ("/api/v1/loans/", f"/api/v1/loans/{loan.pk}/", "/api/v1/me/"):
        response = client.get(path)
        assert response.status_code == 200
        assert _no_store(response), (path, response.get("Cache-Control"))
    # Refusals to a signed-in caller are personal too.
    refused = client.post(f"/api/v1/loans/{loan.pk}/disburse/", {}, format="json")
    assert refused.status_code == 403 and _no_store(refused)


def test_api_answers_to_a_session_are_not_stored():
    loan = active_loan()
    client = APIClient()
    client.force_login(loan.borrower)
    assert _no_store(client.get(f"/api/v1/loans/{loan.pk}/schedule/"))


def test_signed_in_pages_are_not_stored():
    loan = active_loan()
    client = Client()
    client.force_login(loan.borrower)
    for path in ("/dashboard/", f"/loans/{loan.pk}/", "/accounts/profile/", "/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert _no_store(response), (path, response.get("Cache-Control"))


def test_anonymous_public_answers_are_left_alone():
    response = APIClient().post(
        "/api/v1/quotes/",
        {"principal": "100000.00", "annual_rate": "12.0000", "tenure": 12},
        format="json",
    )
    assert response.status_code == 200
    assert "no-store" not in response.get("Cache-Control", "")
