"""The SDK's HTTP layer, an httpx transport under the generated client, so every generated
endpoint gets the same behaviour:

- an ``Idempotency-Key`` (a fresh UUID) on every unsafe call that has none, kept for all of
  that call's retries, so a retried payment is replayed by the server, never posted twice;
- retries with exponential backoff and full jitter: on connection errors and 5xx only when a
  retry is safe (a safe method, or an unsafe one carrying its Idempotency-Key), on 429 and
  409 ``idempotency_key_in_use`` after their Retry-After;
- the access token refreshed before it expires, and once more on a 401 ``not_authenticated``;
- every problem+json answer raised as a typed exception (errors.py)."""

from __future__ import annotations

import asyncio
import random
import time
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import httpx

from ._version import __version__
from .auth import Auth
from .errors import ApiConnectionError, error_for, problem_of, retry_after_seconds

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
IDEMPOTENCY_HEADER = "Idempotency-Key"
RETRY_STATUSES = frozenset({500, 502, 503, 504})
# 401 codes a new access token can cure; mfa_required, otp_invalid and reauth_required need
# the person, not a refresh.
REFRESHABLE_CODES = frozenset({"not_authenticated", "token_not_valid"})


@dataclass(frozen=True)
class RetryPolicy:
    """``retries`` more attempts after the first; waits ``backoff * 2**n`` seconds with full
    jitter, at most ``max_backoff``; a Retry-After longer than ``max_retry_after`` is not
    waited for (the error is raised)."""

    retries: int = 3
    backoff: float = 0.5
    max_backoff: float = 8.0
    max_retry_after: float = 60.0

    def delay(self, attempt: int) -> float:
        return random.uniform(0, min(self.max_backoff, self.backoff * 2**attempt))  # noqa: S311


def _prepare(request: httpx.Request, idempotency_keys: bool) -> bool:
    """Headers every call carries; whether a retry of it is safe."""
    request.headers.setdefault("User-Agent", f"lendingsite-python/{__version__}")
    safe = request.method in SAFE_METHODS
    if not safe and idempotency_keys and IDEMPOTENCY_HEADER not in request.headers:
        request.headers[IDEMPOTENCY_HEADER] = str(uuid.uuid4())
    return safe or IDEMPOTENCY_HEADER in request.headers


def _wants_refresh(response: httpx.Response, refreshed: bool, auth: Auth | None) -> bool:
    return (
        response.status_code == 401
        and not refreshed
        and auth is not None
        and problem_of(response).get("code") in REFRESHABLE_CODES
    )


def _retry_wait(
    policy: RetryPolicy, response: httpx.Response, replayable: bool, attempt: int
) -> float | None:
    """Seconds to wait before the next attempt, or None: the answer is final."""
    if attempt >= policy.retries:
        return None
    status = response.status_code
    if status == 429 or (
        status == 409 and problem_of(response).get("code") == "idempotency_key_in_use"
    ):
        after = retry_after_seconds(response)
        if after is None or after > policy.max_retry_after:
            return None
        return after
    if status in RETRY_STATUSES and replayable:
        after = retry_after_seconds(response)
        if after is not None and after <= policy.max_retry_after:
            return after
        return policy.delay(attempt)
    return None


def _origin(request: httpx.Request) -> httpx.URL:
    return request.url.copy_with(path="/", query=None, fragment=None)


class SdkTransport(httpx.BaseTransport):
    def __init__(
        self,
        *,
        auth: Auth | None,
        retry: RetryPolicy | None = None,
        inner: httpx.BaseTransport | None = None,
        idempotency_keys: bool = True,
        sleep: Callable[[float], None] = time.sleep,
    ):
        self.auth = auth
        self.retry = retry or RetryPolicy()
        self.inner = inner or httpx.HTTPTransport()
        self.idempotency_keys = idempotency_keys
        self.sleep = sleep

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.read()  # the body is sent again on a retry
        replayable = _prepare(request, self.idempotency_keys)
        attempt, refreshed = 0, False
        while True:
            if self.auth is not None:
                self.auth.apply(request, self.inner)
            try:
                response = self.inner.handle_request(request)
            except httpx.TransportError as exc:
                if replayable and attempt < self.retry.retries:
                    self.sleep(self.retry.delay(attempt))
                    attempt += 1
                    continue
                raise ApiConnectionError(f"{request.method} {request.url}: {exc}") from exc
            if response.status_code < 400:
                return response
            response.read()
            response.close()
            if _wants_refresh(response, refreshed, self.auth):
                refreshed = True
                used = request.headers.get("Authorization")
                if self.auth.refresh(self.inner, _origin(request), used):
                    continue
            wait = _retry_wait(self.retry, response, replayable, attempt)
            if wait is None:
                raise error_for(response)
            self.sleep(wait)
            attempt += 1

    def close(self) -> None:
        self.inner.close()


class AsyncSdkTransport(httpx.AsyncBaseTransport):
    """The same rules for httpx.AsyncClient (the generated ``asyncio`` functions)."""

    def __init__(
        self,
        *,
        auth: Auth | None,
        retry: RetryPolicy | None = None,
        inner: httpx.AsyncBaseTransport | None = None,
        idempotency_keys: bool = True,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ):
        self.auth = auth
        self.retry = retry or RetryPolicy()
        self.inner = inner or httpx.AsyncHTTPTransport()
        self.idempotency_keys = idempotency_keys
        self.sleep = sleep

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        replayable = _prepare(request, self.idempotency_keys)
        attempt, refreshed = 0, False
        while True:
            if self.auth is not None:
                await self.auth.apply_async(request, self.inner)
            try:
                response = await self.inner.handle_async_request(request)
            except httpx.TransportError as exc:
                if replayable and attempt < self.retry.retries:
                    await self.sleep(self.retry.delay(attempt))
                    attempt += 1
                    continue
                raise ApiConnectionError(f"{request.method} {request.url}: {exc}") from exc
            if response.status_code < 400:
                return response
            await response.aread()
            await response.aclose()
            if _wants_refresh(response, refreshed, self.auth):
                refreshed = True
                used = request.headers.get("Authorization")
                if await self.auth.refresh_async(self.inner, _origin(request), used):
                    continue
            wait = _retry_wait(self.retry, response, replayable, attempt)
            if wait is None:
                raise error_for(response)
            await self.sleep(wait)
            attempt += 1

    async def aclose(self) -> None:
        await self.inner.aclose()
