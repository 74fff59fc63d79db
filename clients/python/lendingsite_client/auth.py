"""How the SDK says who it is: a JWT pair (sign in with email + password, and for staff the
second factor; refreshed automatically, the refresh token rotates), or a server-to-server
API key (``Authorization: Api-Key <key>``; no refresh)."""

from __future__ import annotations

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


class ApiKeyAuth(Auth):
    """A server-to-server key. ``scheme`` and ``header`` are configurable in case a gateway
    in front renames them."""

    def __init__(self, key: str, *, scheme: str = "Api-Key", header: str = "Authorization"):
        self.key, self.scheme, self.header = key, scheme, header

    def apply(self, request: httpx.Request, http: httpx.BaseTransport) -> None:
        request.headers[self.header] = f"{self.scheme} {self.key}" if self.scheme else self.key


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

    def _post(
        self, http: httpx.BaseTransport, url: httpx.URL, body: dict, bearer: str | None
    ) -> Tokens:
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if bearer:
            headers["Authorization"] = f"Bearer {bearer}"
        request = httpx.Request("POST", url, headers=headers, content=json.dumps(body).encode())
        response = http.handle_request(request)
        response.read()
        if response.status_code >= 400:
            raise error_for(response)
        data = response.json()
        return Tokens(access=data["access"], refresh=data["refresh"])

    def _store(self, tokens: Tokens) -> Tokens:
        self.tokens = tokens
        if self.on_tokens is not None:
            self.on_tokens(tokens)
        return tokens

    def sign_in(self, http: httpx.BaseTransport, base_url: httpx.URL) -> Tokens:
        with self._lock:
            body = {"email": self.email, "password": self.password}
            if self.otp:
                body["otp"] = self.otp
                self.otp = None  # a code is good once; a later sign-in needs a new one
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
