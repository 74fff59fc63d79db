from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.secret import Secret
from ...models.secret_rotate_request import SecretRotateRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    body: SecretRotateRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/webhook-endpoints/{id}/rotate-secret/".format(
            id=quote(str(id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Secret | None:
    if response.status_code == 200:
        response_200 = Secret.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Secret]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
    body: SecretRotateRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Secret]:
    """A new signing secret; the old one adds a second signature until…

     A new signing secret; the old one adds a second signature until
    `previous_secret_expires_at` so the receiver can switch without losing events.

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (SecretRotateRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Secret]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient,
    body: SecretRotateRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Secret | None:
    """A new signing secret; the old one adds a second signature until…

     A new signing secret; the old one adds a second signature until
    `previous_secret_expires_at` so the receiver can switch without losing events.

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (SecretRotateRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Secret
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
    body: SecretRotateRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Secret]:
    """A new signing secret; the old one adds a second signature until…

     A new signing secret; the old one adds a second signature until
    `previous_secret_expires_at` so the receiver can switch without losing events.

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (SecretRotateRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Secret]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient,
    body: SecretRotateRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Secret | None:
    """A new signing secret; the old one adds a second signature until…

     A new signing secret; the old one adds a second signature until
    `previous_secret_expires_at` so the receiver can switch without losing events.

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (SecretRotateRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Secret
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
