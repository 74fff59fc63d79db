from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.virtual_accounts_webhook_body import VirtualAccountsWebhookBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    provider: str,
    *,
    body: VirtualAccountsWebhookBody | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/virtual-accounts/webhooks/{provider}/".format(
            provider=quote(str(provider), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Any | None:
    if response.status_code == 200:
        return None

    if response.status_code == 201:
        return None

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Any]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    provider: str,
    *,
    client: AuthenticatedClient | Client,
    body: VirtualAccountsWebhookBody | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any]:
    """Receive one credit to a virtual account (docs/reconciliation.md)

     Receive one credit to a virtual account (docs/reconciliation.md).

    Args:
        provider (str):
        idempotency_key (str | Unset):
        body (VirtualAccountsWebhookBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any]
    """

    kwargs = _get_kwargs(
        provider=provider,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


async def asyncio_detailed(
    provider: str,
    *,
    client: AuthenticatedClient | Client,
    body: VirtualAccountsWebhookBody | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any]:
    """Receive one credit to a virtual account (docs/reconciliation.md)

     Receive one credit to a virtual account (docs/reconciliation.md).

    Args:
        provider (str):
        idempotency_key (str | Unset):
        body (VirtualAccountsWebhookBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any]
    """

    kwargs = _get_kwargs(
        provider=provider,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)
