"""Every API error is RFC 9457 problem details (API.md "Errors"); pages keep HTML errors."""

import pytest
from django.test import Client

from accounts.tests.factories import UserFactory
from lendingsite.errors import PROBLEM_CODES

pytestmark = [pytest.mark.django_db, pytest.mark.urls("lendingsite.tests.urls")]

PROBLEM = "application/problem+json"


def assert_problem(response, code: str, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["type"] == f"https://lendingsite.example/problems/{code}"
    assert body["title"] == PROBLEM_CODES[code][1]
    assert body["status"] == status
    assert body["code"] == code
    assert isinstance(body["detail"], str)
    assert body["detail"]
    return body


def test_validation_error_lists_each_field(client):
    response = client.post(
        "/api/v1/test/validating/", {"amount": "0.00"}, content_type="application/json"
    )

    body = assert_problem(response, "validation_error", 400)
    assert set(body["errors"]) == {"amount", "utr"}
    assert body["errors"]["utr"] == ["This field is required."]
    assert "greater than or equal to 1" in body["errors"]["amount"][0]
    assert "amount" in body["detail"]


def test_malformed_json_is_a_problem(client):
    response = client.post("/api/v1/test/validating/", "{not json", content_type="application/json")

    assert_problem(response, "parse_error", 400)


def test_anonymous_gets_401_with_www_authenticate(client):
    response = client.get("/api/v1/test/signed-in/")

    body = assert_problem(response, "not_authenticated", 401)
    assert response["WWW-Authenticate"].startswith("Bearer")
    assert body["detail"] == "Authentication credentials were not provided."


def test_bad_bearer_token_is_401(client):
    response = client.get(
        "/api/v1/test/signed-in/", headers={"Authorization": "Bearer not-a-token"}
    )

    assert_problem(response, "not_authenticated", 401)
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_session_only_endpoint_is_still_401_with_a_challenge(client):
    response = client.get("/api/v1/test/session-only/")

    assert_problem(response, "not_authenticated", 401)
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


def test_permission_denied_is_403_with_the_reason(client):
    client.force_login(UserFactory())

    response = client.get("/api/v1/test/denied/")

    body = assert_problem(response, "permission_denied", 403)
    assert body["detail"] == "Only the head of credit may do this."


def test_django_permission_denied_under_api_is_403_problem(client):
    response = client.get("/api/v1/test/plain-forbidden/")

    assert_problem(response, "permission_denied", 403)


def test_drf_not_found_is_404_problem(client):
    response = client.get("/api/v1/test/missing/")

    assert_problem(response, "not_found", 404)


def test_unknown_api_path_is_404_problem(client):
    response = client.get("/api/v1/nonexistent/")

    body = assert_problem(response, "not_found", 404)
    assert "/api/v1/nonexistent/" in body["detail"]


def test_wrong_method_is_405_problem(client):
    response = client.delete("/api/v1/test/read-only/")

    body = assert_problem(response, "method_not_allowed", 405)
    assert "DELETE" in body["detail"]
    assert "GET" in response["Allow"]


def test_throttled_is_429_with_retry_after(client):
    assert client.get("/api/v1/test/throttled/").status_code == 200

    response = client.get("/api/v1/test/throttled/")

    assert_problem(response, "throttled", 429)
    assert 0 < int(response["Retry-After"]) <= 60


def test_unhandled_exception_is_500_problem_with_request_id():
    client = Client(raise_request_exception=False)

    response = client.get("/api/v1/test/broken/", headers={"X-Request-ID": "trace-500-abc"})

    body = assert_problem(response, "server_error", 500)
    assert body["request_id"] == "trace-500-abc"
    assert response["X-Request-ID"] == "trace-500-abc"
    assert "ledger exploded" not in response.content.decode()


def test_domain_error_uses_its_code_and_status(client):
    response = client.post("/api/v1/test/refusing/", {}, content_type="application/json")

    body = assert_problem(response, "loan_not_active", 409)
    assert body["detail"] == "Loan 7 is closed; payments can only be posted to active loans."
    assert body["errors"] == {"loan": ["not active"]}


def test_error_is_problem_json_even_when_the_client_asks_for_html(client):
    response = client.get("/api/v1/test/missing/", headers={"Accept": "text/html"})

    assert_problem(response, "not_found", 404)


def test_unsatisfiable_accept_header_is_406_problem(client):
    response = client.get("/api/v1/test/read-only/", headers={"Accept": "image/png"})

    assert_problem(response, "not_acceptable", 406)


def test_pages_keep_html_error_pages(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    assert response["Content-Type"].startswith("text/html")


def test_page_exception_is_an_html_500():
    client = Client(raise_request_exception=False)

    response = client.get("/test/plain-broken/")

    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.parametrize("kind", ["garbage", "expired"])
def test_an_invalid_bearer_token_is_explained_in_plain_words(client, kind):
    from datetime import timedelta

    from rest_framework_simplejwt.tokens import AccessToken

    if kind == "garbage":
        token, reason = "abc.def.ghi", "(token is invalid)"
    else:
        access = AccessToken.for_user(UserFactory())
        access.set_exp(lifetime=-timedelta(minutes=1))
        token, reason = str(access), "(token is expired)"
    response = client.get("/api/v1/test/signed-in/", headers={"Authorization": f"Bearer {token}"})

    body = assert_problem(response, "not_authenticated", 401)
    # Was "detail: Given token not valid…; messages: {'token_class': ErrorDetail(…)}".
    assert "ErrorDetail" not in body["detail"] and "token_class" not in body["detail"]
    assert body["detail"].startswith(f"The bearer token is not valid {reason}.")
    assert "/api/v1/auth/token/refresh/" in body["detail"]
