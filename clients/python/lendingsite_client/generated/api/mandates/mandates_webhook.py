from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.mandates_webhook_body import MandatesWebhookBody
from ...types import UNSET, Response, Unset


def _get_kwargs(
    adapter: str,
    *,
    body: MandatesWebhookBody | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/mandates/webhooks/{adapter}/".format(
            adapter=quote(str(adapter), safe=""),
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
    adapter: str,
    *,
    client: AuthenticatedClient | Client,
    body: MandatesWebhookBody | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any]:
    """Webhooks the mandate

     Signed callbacks from mandate adapters: the signature is the authentication.

    Args:
        adapter (str):
        idempotency_key (str | Unset):
        body (MandatesWebhookBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any]
    """

    kwargs = _get_kwargs(
        adapter=adapter,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


async def asyncio_detailed(
    adapter: str,
    *,
    client: AuthenticatedClient | Client,
    body: MandatesWebhookBody | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Any]:
    """Webhooks the mandate

     Signed callbacks from mandate adapters: the signature is the authentication.

    Args:
        adapter (str):
        idempotency_key (str | Unset):
        body (MandatesWebhookBody | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any]
    """

    kwargs = _get_kwargs(
        adapter=adapter,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)
