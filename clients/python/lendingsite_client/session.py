"""``Lendingsite``: the generated client (``.client``, passed to every generated endpoint
function) over the SDK's transport (transport.py)."""

from __future__ import annotations

import httpx

from .auth import ApiKeyAuth, Auth, TokenAuth, Tokens
from .generated.client import AuthenticatedClient
from .transport import AsyncSdkTransport, RetryPolicy, SdkTransport


class Lendingsite:
    """One caller of one server::

        ls = Lendingsite("https://api.example", email="a@b.in", password="…")
        quote = quotes_create.sync(client=ls.client, body=QuoteRequest(...))

    Authenticate with ``email``/``password`` (+ ``otp`` for staff), earlier ``tokens``, an
    ``api_key`` (``Authorization: Api-Key <key>``), or any ``auth`` object (auth.py).
    """

    def __init__(
        self,
        base_url: str,
        *,
        email: str | None = None,
        password: str | None = None,
        otp: str | None = None,
        tokens: Tokens | None = None,
        api_key: str | None = None,
        auth: Auth | None = None,
        retry: RetryPolicy | None = None,
        timeout: float = 30.0,
        idempotency_keys: bool = True,
        inner_transport: httpx.BaseTransport | None = None,
        inner_async_transport: httpx.AsyncBaseTransport | None = None,
    ):
        if auth is None and api_key is not None:
            auth = ApiKeyAuth(api_key)
        elif auth is None and (tokens is not None or email is not None):
            auth = TokenAuth(email=email, password=password, otp=otp, tokens=tokens)
        self.base_url = httpx.URL(base_url.rstrip("/") + "/")
        self.auth = auth
        self.transport = SdkTransport(
            auth=auth, retry=retry, inner=inner_transport, idempotency_keys=idempotency_keys
        )
        self.async_transport = AsyncSdkTransport(
            auth=auth, retry=retry, inner=inner_async_transport, idempotency_keys=idempotency_keys
        )
        self.http = httpx.Client(base_url=base_url, transport=self.transport, timeout=timeout)
        self.async_http = httpx.AsyncClient(
            base_url=base_url, transport=self.async_transport, timeout=timeout
        )
        # Both the sync and the asyncio generated functions go through the SDK's transports.
        self.client = (
            AuthenticatedClient(base_url=base_url, token="", raise_on_unexpected_status=True)
            .set_httpx_client(self.http)
            .set_async_httpx_client(self.async_http)
        )

    @property
    def tokens(self) -> Tokens | None:
        return self.auth.tokens if isinstance(self.auth, TokenAuth) else None

    def sign_in(self) -> Tokens:
        """Sign in now (else the first call does)."""
        if not isinstance(self.auth, TokenAuth):
            raise TypeError("sign_in needs email/password authentication")
        return self.auth.sign_in(self.transport.inner, self.base_url)

    def reauthenticate(self, *, password: str, otp: str) -> Tokens:
        """Staff: prove presence again (password + a fresh second-factor code) before
        approve, disburse, reverse and waive; the new token pair carries it."""
        if not isinstance(self.auth, TokenAuth):
            raise TypeError("reauthenticate needs token authentication")
        if self.auth.tokens is None:
            self.sign_in()
        return self.auth.reauthenticate(
            self.transport.inner, self.base_url, password=password, otp=otp
        )

    async def areauthenticate(self, *, password: str, otp: str) -> Tokens:
        """``reauthenticate`` for asyncio callers."""
        if not isinstance(self.auth, TokenAuth):
            raise TypeError("reauthenticate needs token authentication")
        if self.auth.tokens is None:
            await self.auth.sign_in_async(self.async_transport.inner, self.base_url)
        return await self.auth.reauthenticate_async(
            self.async_transport.inner, self.base_url, password=password, otp=otp
        )

    def close(self) -> None:
        self.http.close()

    async def aclose(self) -> None:
        await self.async_http.aclose()

    async def __aenter__(self) -> Lendingsite:
        return self

    async def __aexit__(self, *exc) -> None:
        await self.aclose()
        self.close()

    def __enter__(self) -> Lendingsite:
        return self

    def __exit__(self, *exc) -> None:
        self.close()
