"""The transport's rules without a server (httpx.MockTransport plays the API): the
Idempotency-Key and when a call is retried, token refresh, typed errors."""

import asyncio
import base64
import json
import time

import httpx
import pytest
from lendingsite_client import (
    ApiConnectionError,
    AuthenticationError,
    BadRequest,
    Lendingsite,
    RateLimited,
    RetryPolicy,
    ServerError,
    Tokens,
)
from lendingsite_client.generated.api.me import me_retrieve
from lendingsite_client.generated.api.quotes import quotes_create
from lendingsite_client.generated.models import QuoteRequest
from lendingsite_client.transport import SdkTransport

BASE = "https://api.test"
# A real answer of POST /api/v1/quotes/ (one installment).
QUOTE = json.loads(
    '{"product":null,"disbursement_date":"2026-12-03","interest_method":"declining",'
    '"amortization":"equal_installments","interest_period":"same_as_repayment",'
    '"frequency":"monthly","installment_multiple":"0.01","rounding":"half_even",'
    '"grace_on_principal":0,"principal":"10000.00","annual_rate":"12.0000","tenure":1,'
    '"installment_amount":"10100.00","total_interest":"100.00","total_payable":"10100.00",'
    '"processing_fee":"0.00","total_charges":"0.00","apr":"12.00","net_disbursed":"10000.00",'
    '"schedule":[{"number":1,"due_date":"2027-01-03","principal":"10000.00","interest":"100.00",'
    '"total":"10100.00","balance":"0.00"}]}'
)
ME = {
    "id": 1,
    "email": "a@b.in",
    "full_name": "A",
    "roles": [],
    "email_verified": True,
    "is_staff": False,
}


def problem(status, code, **extra):
    body = {
        "type": f"https://x/{code}",
        "title": code,
        "status": status,
        "detail": code,
        "code": code,
    }
    return httpx.Response(status, json={**body, **extra}, headers=extra.pop("headers", {}))


def jwt(exp: float) -> str:
    claims = base64.urlsafe_b64encode(json.dumps({"exp": exp}).encode()).decode().rstrip("=")
    return f"h.{claims}.s"


class Script:
    """Answers in order; records each request."""

    def __init__(self, *answers):
        self.answers = list(answers)
        self.requests: list[httpx.Request] = []

    def __call__(self, request):
        # A copy: the transport sends the same request object again with new headers.
        self.requests.append(
            httpx.Request(
                request.method, request.url, headers=request.headers.copy(), content=request.content
            )
        )
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer(request) if callable(answer) else answer


def session(script, **kwargs):
    sleeps = []
    ls = Lendingsite(BASE, inner_transport=httpx.MockTransport(script), **kwargs)
    ls.transport.sleep = sleeps.append
    return ls, sleeps


def quote(ls):
    return quotes_create.sync(client=ls.client, body=QuoteRequest(principal="100000.00", tenure=12))


def test_an_unsafe_call_gets_one_key_kept_over_its_retries():
    script = Script(
        httpx.ConnectError("refused"),
        problem(503, "service_unavailable"),
        httpx.Response(200, json=QUOTE),
    )
    ls, sleeps = session(script)
    assert quote(ls).apr == "12.00"
    keys = {r.headers["Idempotency-Key"] for r in script.requests}
    assert len(script.requests) == 3 and len(keys) == 1
    assert len(sleeps) == 2


def test_each_call_gets_its_own_key_and_a_safe_call_none():
    script = Script(*[httpx.Response(200, json=QUOTE)] * 2, httpx.Response(200, json=ME))
    ls, _ = session(script, tokens=Tokens(access="a", refresh="r"))
    quote(ls)
    quote(ls)
    me_retrieve.sync(client=ls.client)
    first, second, get = script.requests
    assert first.headers["Idempotency-Key"] != second.headers["Idempotency-Key"]
    assert "Idempotency-Key" not in get.headers


def test_without_a_key_an_unsafe_call_is_not_retried_after_a_server_error():
    script = Script(problem(502, "server_error"))
    ls, _ = session(script, idempotency_keys=False)
    with pytest.raises(ServerError):
        quote(ls)
    assert len(script.requests) == 1


def test_429_waits_for_retry_after_and_without_it_is_raised():
    script = Script(
        problem(429, "throttled", headers={"Retry-After": "7"}), httpx.Response(200, json=QUOTE)
    )
    ls, sleeps = session(script)
    quote(ls)
    assert sleeps == [7.0]
    script = Script(problem(429, "throttled"))
    ls, _ = session(script)
    with pytest.raises(RateLimited) as raised:
        quote(ls)
    assert raised.value.code == "throttled" and raised.value.retry_after is None


def test_a_key_still_in_flight_is_retried_with_the_same_key():
    script = Script(
        problem(409, "idempotency_key_in_use", headers={"Retry-After": "1"}),
        httpx.Response(200, json=QUOTE),
    )
    ls, sleeps = session(script)
    assert quote(ls).total_payable == "10100.00"
    assert sleeps == [1.0]
    assert (
        script.requests[0].headers["Idempotency-Key"]
        == script.requests[1].headers["Idempotency-Key"]
    )


def test_retries_are_bounded():
    script = Script(*[httpx.ReadTimeout("slow")] * 4)
    ls, sleeps = session(script, retry=RetryPolicy(retries=3))
    with pytest.raises(ApiConnectionError):
        quote(ls)
    assert len(script.requests) == 4 and len(sleeps) == 3


def test_a_problem_is_raised_typed_with_its_code_and_field_errors():
    script = Script(problem(400, "validation_error", errors={"tenure": ["Too long."]}))
    ls, _ = session(script)
    with pytest.raises(BadRequest) as raised:
        quote(ls)
    assert raised.value.code == "validation_error"
    assert raised.value.errors == {"tenure": ["Too long."]}
    assert len(script.requests) == 1  # a 4xx is the answer, not retried


def refresh_answer(request):
    assert json.loads(request.content) == {"refresh": "r1"}
    return httpx.Response(200, json={"access": "a2", "refresh": "r2"})


def test_a_401_refreshes_once_and_retries_with_the_new_token():
    script = Script(problem(401, "not_authenticated"), refresh_answer, httpx.Response(200, json=ME))
    seen = []
    ls, _ = session(script, tokens=Tokens(access="a1", refresh="r1"))
    ls.auth.on_tokens = seen.append
    assert me_retrieve.sync(client=ls.client).id == 1
    assert [r.headers.get("Authorization") for r in script.requests] == [
        "Bearer a1",
        None,
        "Bearer a2",
    ]
    assert seen == [Tokens(access="a2", refresh="r2")]


def test_a_401_that_a_token_cannot_cure_is_raised_without_refreshing():
    script = Script(problem(401, "reauth_required"))
    ls, _ = session(script, tokens=Tokens(access="a1", refresh="r1"))
    with pytest.raises(AuthenticationError) as raised:
        me_retrieve.sync(client=ls.client)
    assert raised.value.code == "reauth_required" and len(script.requests) == 1


def test_an_expiring_access_token_is_refreshed_before_the_call():
    script = Script(refresh_answer, httpx.Response(200, json=ME))
    ls, _ = session(script, tokens=Tokens(access=jwt(time.time() + 5), refresh="r1"))
    me_retrieve.sync(client=ls.client)
    assert script.requests[0].url.path == "/api/v1/auth/token/refresh/"
    assert script.requests[1].headers["Authorization"] == "Bearer a2"


def test_email_and_password_sign_in_on_first_use():
    def token_answer(request):
        assert json.loads(request.content) == {"email": "a@b.in", "password": "pw", "otp": "123456"}
        return httpx.Response(200, json={"access": "a1", "refresh": "r1"})

    script = Script(token_answer, httpx.Response(200, json=ME))
    ls, _ = session(script, email="a@b.in", password="pw", otp="123456")
    me_retrieve.sync(client=ls.client)
    assert script.requests[1].headers["Authorization"] == "Bearer a1"


def test_an_api_key_is_sent_as_configured():
    script = Script(httpx.Response(200, json=ME))
    ls, _ = session(script, api_key="ls_live_abc.123")
    me_retrieve.sync(client=ls.client)
    assert script.requests[0].headers["Authorization"] == "Api-Key ls_live_abc.123"

    from lendingsite_client import ApiKeyAuth

    script = Script(httpx.Response(200, json=ME))
    ls, _ = session(script, auth=ApiKeyAuth("k", scheme="", header="X-Api-Key"))
    me_retrieve.sync(client=ls.client)
    assert script.requests[0].headers["X-Api-Key"] == "k"


def test_a_non_problem_error_page_still_raises_typed():
    script = Script(*[httpx.Response(502, text="<html>Bad gateway</html>")] * 4)
    ls, _ = session(script)
    with pytest.raises(ServerError) as raised:
        quote(ls)
    assert raised.value.code == "http_502"
    assert isinstance(ls.transport, SdkTransport)


def async_session(script, **kwargs):
    sleeps = []

    async def sleep(seconds):
        sleeps.append(seconds)

    ls = Lendingsite(BASE, inner_async_transport=httpx.MockTransport(script), **kwargs)
    ls.async_transport.sleep = sleep
    return ls, sleeps


def test_the_asyncio_functions_get_the_same_key_and_retries():
    script = Script(
        httpx.ConnectError("refused"),
        problem(503, "service_unavailable"),
        httpx.Response(200, json=QUOTE),
    )
    ls, sleeps = async_session(script)
    body = QuoteRequest(principal="100000.00", tenure=12)
    answer = asyncio.run(quotes_create.asyncio(client=ls.client, body=body))
    assert answer.apr == "12.00"
    assert len({r.headers["Idempotency-Key"] for r in script.requests}) == 1
    assert len(script.requests) == 3 and len(sleeps) == 2


def test_the_asyncio_functions_refresh_on_401_and_raise_typed():
    script = Script(problem(401, "not_authenticated"), refresh_answer, httpx.Response(200, json=ME))
    ls, _ = async_session(script, tokens=Tokens(access="a1", refresh="r1"))
    assert asyncio.run(me_retrieve.asyncio(client=ls.client)).id == 1
    assert ls.tokens == Tokens(access="a2", refresh="r2")
    script = Script(problem(400, "validation_error", errors={"tenure": ["Too long."]}))
    ls, _ = async_session(script)
    with pytest.raises(BadRequest) as raised:
        asyncio.run(
            quotes_create.asyncio(client=ls.client, body=QuoteRequest(principal="1", tenure=0))
        )
    assert raised.value.errors == {"tenure": ["Too long."]}
