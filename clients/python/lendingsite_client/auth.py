"""How the SDK says who it is: a JWT pair (sign in with email + password, and for staff the
second factor; refreshed automatically, the refresh token rotates), or a server-to-server
API key (``Authorization: Api-Key <key>``; no refresh)."""

from __future__ import annotations

import asyncio
import base64
import json
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass

import httpx

from .errors import AuthenticationError, error_for

TOKEN_PATH = "/api/v1/auth/token/"
REFRESH_PATH = "/api/v1/auth/token/refresh/"
REAUTH_PATH = "/api/v1/auth/reauth/"
# Refresh a little before the access token's exp, so a request is not sent with a token
# that expires on the way.
EXPIRY_MARGIN_SECONDS = 30


@dataclass
class Tokens:
    access: str
    refresh: str


def token_expiry(access: str) -> float | None:
    """The ``exp`` claim of a JWT, read without verifying it (the server verifies)."""
    try:
        payload = access.split(".")[1]
        claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
        return float(claims["exp"])
    except (IndexError, ValueError, KeyError, TypeError):
        return None


class Auth:
    """Base: sets the Authorization header; ``refresh`` returns False when it cannot."""

    def apply(self, request: httpx.Request, http: httpx.BaseTransport) -> None:
        raise NotImplementedError

    def refresh(self, http: httpx.BaseTransport, base_url: httpx.URL, used: str | None) -> bool:
        return False

    async def apply_async(self, request: httpx.Request, http: httpx.AsyncBaseTransport) -> None:
        raise NotImplementedError

    async def refresh_async(
        self, http: httpx.AsyncBaseTransport, base_url: httpx.URL, used: str | None
    ) -> bool:
        return False


class ApiKeyAuth(Auth):
    """A server-to-server key. ``scheme`` and ``header`` are configurable in case a gateway
    in front renames them."""

    def __init__(self, key: str, *, scheme: str = "Api-Key", header: str = "Authorization"):
        self.key, self.scheme, self.header = key, scheme, header

    def apply(self, request: httpx.Request, http: httpx.BaseTransport) -> None:
        request.headers[self.header] = f"{self.scheme} {self.key}" if self.scheme else self.key

    async def apply_async(self, request: httpx.Request, http: httpx.AsyncBaseTransport) -> None:
        self.apply(request, None)  # type: ignore[arg-type]  # no I/O


class TokenAuth(Auth):
    """Bearer JWTs. Give ``email``/``password`` (and ``otp`` for staff) to sign in on first
    use, or ``tokens`` from an earlier sign-in. ``on_tokens`` is called with every new pair
    (store the rotated refresh token: the old one stops working)."""

    def __init__(
        self,
        *,
        email: str | None = None,
        password: str | None = None,
        otp: str | None = None,
        tokens: Tokens | None = None,
        on_tokens: Callable[[Tokens], None] | None = None,
    ):
        if tokens is None and (email is None or password is None):
            raise ValueError("TokenAuth needs email and password, or tokens")
        self.email, self.password, self.otp = email, password, otp
        self.tokens = tokens
        self.on_tokens = on_tokens
        self._lock = threading.RLock()
        self._async_lock: asyncio.Lock | None = None

    @staticmethod
    def _request(url: httpx.URL, body: dict, bearer: str | None) -> httpx.Request:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if bearer:
            headers["Authorization"] = f"Bearer {bearer}"
        return httpx.Request("POST", url, headers=headers, content=json.dumps(body).encode())

    @staticmethod
    def _tokens(response: httpx.Response) -> Tokens:
        if response.status_code >= 400:
            raise error_for(response)
        data = response.json()
        return Tokens(access=data["access"], refresh=data["refresh"])

    def _post(
        self, http: httpx.BaseTransport, url: httpx.URL, body: dict, bearer: str | None
    ) -> Tokens:
        response = http.handle_request(self._request(url, body, bearer))
        response.read()
        return self._tokens(response)

    async def _post_async(
        self, http: httpx.AsyncBaseTransport, url: httpx.URL, body: dict, bearer: str | None
    ) -> Tokens:
        response = await http.handle_async_request(self._request(url, body, bearer))
        await response.aread()
        return self._tokens(response)

    def _sign_in_body(self) -> dict:
        body = {"email": self.email, "password": self.password}
        if self.otp:
            body["otp"] = self.otp
            self.otp = None  # a code is good once; a later sign-in needs a new one
        return body

    def _store(self, tokens: Tokens) -> Tokens:
        self.tokens = tokens
        if self.on_tokens is not None:
            self.on_tokens(tokens)
        return tokens

    def sign_in(self, http: httpx.BaseTransport, base_url: httpx.URL) -> Tokens:
        with self._lock:
            body = self._sign_in_body()
            return self._store(self._post(http, base_url.join(TOKEN_PATH), body, None))

    def reauthenticate(
        self, http: httpx.BaseTransport, base_url: httpx.URL, *, password: str, otp: str
    ) -> Tokens:
        with self._lock:
            bearer = self.tokens.access if self.tokens else None
            body = {"password": password, "otp": otp}
            return self._store(self._post(http, base_url.join(REAUTH_PATH), body, bearer))

    def apply(self, request: httpx.Request, http: httpx.BaseTransport) -> None:
        base = request.url.copy_with(path="/", query=None, fragment=None)
        with self._lock:
            if self.tokens is None:
                self.sign_in(http, base)
            else:
                exp = token_expiry(self.tokens.access)
                if exp is not None and exp - EXPIRY_MARGIN_SECONDS <= time.time():
                    self._refresh_locked(http, base)
            request.headers["Authorization"] = f"Bearer {self.tokens.access}"

    def _refresh_locked(self, http: httpx.BaseTransport, base_url: httpx.URL) -> None:
        try:
            tokens = self._post(
                http, base_url.join(REFRESH_PATH), {"refresh": self.tokens.refresh}, None
            )
        except AuthenticationError:
            # The refresh token expired or was revoked: sign in again when we can (a staff
            # member's sign-in then asks for a new second-factor code: mfa_required).
            if self.email is None or self.password is None:
                raise
            self.sign_in(http, base_url)
            return
        self._store(tokens)

    def refresh(self, http: httpx.BaseTransport, base_url: httpx.URL, used: str | None) -> bool:
        with self._lock:
            if self.tokens is None:
                return False
            if used is not None and used != f"Bearer {self.tokens.access}":
                return True  # another thread refreshed meanwhile: retry with its token
            self._refresh_locked(http, base_url)
            return True

    # The same for httpx.AsyncClient (the generated ``asyncio`` functions). One asyncio lock
    # per event loop's use; sign-in and refresh never block the loop.

    def _alock(self) -> asyncio.Lock:
        if self._async_lock is None:
            self._async_lock = asyncio.Lock()
        return self._async_lock

    async def sign_in_async(self, http: httpx.AsyncBaseTransport, base_url: httpx.URL) -> Tokens:
        body = self._sign_in_body()
        tokens = await self._post_async(http, base_url.join(TOKEN_PATH), body, None)
        return self._store(tokens)

    async def reauthenticate_async(
        self, http: httpx.AsyncBaseTransport, base_url: httpx.URL, *, password: str, otp: str
    ) -> Tokens:
        async with self._alock():
            bearer = self.tokens.access if self.tokens else None
            body = {"password": password, "otp": otp}
            tokens = await self._post_async(http, base_url.join(REAUTH_PATH), body, bearer)
            return self._store(tokens)

    async def _refresh_async_locked(
        self, http: httpx.AsyncBaseTransport, base_url: httpx.URL
    ) -> None:
        try:
            tokens = await self._post_async(
                http, base_url.join(REFRESH_PATH), {"refresh": self.tokens.refresh}, None
            )
        except AuthenticationError:
            if self.email is None or self.password is None:
                raise
            await self.sign_in_async(http, base_url)
            return
        self._store(tokens)

    async def apply_async(self, request: httpx.Request, http: httpx.AsyncBaseTransport) -> None:
        base = request.url.copy_with(path="/", query=None, fragment=None)
        async with self._alock():
            if self.tokens is None:
                await self.sign_in_async(http, base)
            else:
                exp = token_expiry(self.tokens.access)
                if exp is not None and exp - EXPIRY_MARGIN_SECONDS <= time.time():
                    await self._refresh_async_locked(http, base)
            request.headers["Authorization"] = f"Bearer {self.tokens.access}"

    async def refresh_async(
        self, http: httpx.AsyncBaseTransport, base_url: httpx.URL, used: str | None
    ) -> bool:
        async with self._alock():
            if self.tokens is None:
                return False
            if used is not None and used != f"Bearer {self.tokens.access}":
                return True
            await self._refresh_async_locked(http, base_url)
            return True
