from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.token_refresh import TokenRefresh
from ...models.token_refresh_request import TokenRefreshRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: TokenRefreshRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/auth/token/refresh/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> TokenRefresh | None:
    if response.status_code == 200:
        response_200 = TokenRefresh.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[TokenRefresh]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: TokenRefreshRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[TokenRefresh]:
    """A new token pair for a refresh token (the old one dies)

     Open to anyone, so throttled per client ("auth" scope) on top of the per-address
    email quotas; no session authentication, so no CSRF token is needed.

    Args:
        idempotency_key (str | Unset):
        body (TokenRefreshRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[TokenRefresh]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: TokenRefreshRequest,
    idempotency_key: str | Unset = UNSET,
) -> TokenRefresh | None:
    """A new token pair for a refresh token (the old one dies)

     Open to anyone, so throttled per client ("auth" scope) on top of the per-address
    email quotas; no session authentication, so no CSRF token is needed.

    Args:
        idempotency_key (str | Unset):
        body (TokenRefreshRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        TokenRefresh
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: TokenRefreshRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[TokenRefresh]:
    """A new token pair for a refresh token (the old one dies)

     Open to anyone, so throttled per client ("auth" scope) on top of the per-address
    email quotas; no session authentication, so no CSRF token is needed.

    Args:
        idempotency_key (str | Unset):
        body (TokenRefreshRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[TokenRefresh]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: TokenRefreshRequest,
    idempotency_key: str | Unset = UNSET,
) -> TokenRefresh | None:
    """A new token pair for a refresh token (the old one dies)

     Open to anyone, so throttled per client ("auth" scope) on top of the per-address
    email quotas; no session authentication, so no CSRF token is needed.

    Args:
        idempotency_key (str | Unset):
        body (TokenRefreshRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        TokenRefresh
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
