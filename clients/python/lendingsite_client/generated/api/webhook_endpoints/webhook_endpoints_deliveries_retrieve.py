from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.delivery_detail import DeliveryDetail
from ...types import Response


def _get_kwargs(
    endpoint_pk: int,
    id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/webhook-endpoints/{endpoint_pk}/deliveries/{id}/".format(
            endpoint_pk=quote(str(endpoint_pk), safe=""),
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> DeliveryDetail | None:
    if response.status_code == 200:
        response_200 = DeliveryDetail.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DeliveryDetail]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    endpoint_pk: int,
    id: int,
    *,
    client: AuthenticatedClient,
) -> Response[DeliveryDetail]:
    """Get one delivery

     The delivery log of one endpoint, newest first.

    Args:
        endpoint_pk (int):
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeliveryDetail]
    """

    kwargs = _get_kwargs(
        endpoint_pk=endpoint_pk,
        id=id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    endpoint_pk: int,
    id: int,
    *,
    client: AuthenticatedClient,
) -> DeliveryDetail | None:
    """Get one delivery

     The delivery log of one endpoint, newest first.

    Args:
        endpoint_pk (int):
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeliveryDetail
    """

    return sync_detailed(
        endpoint_pk=endpoint_pk,
        id=id,
        client=client,
    ).parsed


async def asyncio_detailed(
    endpoint_pk: int,
    id: int,
    *,
    client: AuthenticatedClient,
) -> Response[DeliveryDetail]:
    """Get one delivery

     The delivery log of one endpoint, newest first.

    Args:
        endpoint_pk (int):
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DeliveryDetail]
    """

    kwargs = _get_kwargs(
        endpoint_pk=endpoint_pk,
        id=id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    endpoint_pk: int,
    id: int,
    *,
    client: AuthenticatedClient,
) -> DeliveryDetail | None:
    """Get one delivery

     The delivery log of one endpoint, newest first.

    Args:
        endpoint_pk (int):
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DeliveryDetail
    """

    return (
        await asyncio_detailed(
            endpoint_pk=endpoint_pk,
            id=id,
            client=client,
        )
    ).parsed
