from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.patched_webhook_endpoint_update_request import PatchedWebhookEndpointUpdateRequest
from ...models.webhook_endpoint import WebhookEndpoint
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    body: PatchedWebhookEndpointUpdateRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/webhook-endpoints/{id}/".format(
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
) -> WebhookEndpoint | None:
    if response.status_code == 200:
        response_200 = WebhookEndpoint.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[WebhookEndpoint]:
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
    body: PatchedWebhookEndpointUpdateRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[WebhookEndpoint]:
    """Change the URL, description or subscribed event types; `is_active: true` enables a…

     Change the URL, description or subscribed event types; `is_active: true`
    enables a disabled endpoint again (the failure clock restarts).

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (PatchedWebhookEndpointUpdateRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[WebhookEndpoint]
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
    body: PatchedWebhookEndpointUpdateRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> WebhookEndpoint | None:
    """Change the URL, description or subscribed event types; `is_active: true` enables a…

     Change the URL, description or subscribed event types; `is_active: true`
    enables a disabled endpoint again (the failure clock restarts).

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (PatchedWebhookEndpointUpdateRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        WebhookEndpoint
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
    body: PatchedWebhookEndpointUpdateRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[WebhookEndpoint]:
    """Change the URL, description or subscribed event types; `is_active: true` enables a…

     Change the URL, description or subscribed event types; `is_active: true`
    enables a disabled endpoint again (the failure clock restarts).

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (PatchedWebhookEndpointUpdateRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[WebhookEndpoint]
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
    body: PatchedWebhookEndpointUpdateRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> WebhookEndpoint | None:
    """Change the URL, description or subscribed event types; `is_active: true` enables a…

     Change the URL, description or subscribed event types; `is_active: true`
    enables a disabled endpoint again (the failure clock restarts).

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (PatchedWebhookEndpointUpdateRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        WebhookEndpoint
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
