from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.exit_request import ExitRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/loans/{id}/exit-requests/".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ExitRequest | None:
    if response.status_code == 200:
        response_200 = ExitRequest.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = ExitRequest.from_dict(response.json())

        return response_201

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ExitRequest]:
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
    idempotency_key: str | Unset = UNSET,
) -> Response[ExitRequest]:
    """Ask to cancel the loan within the cooling-off period (the loan's borrower)

     Ask to cancel the loan within the cooling-off period (the loan's borrower). The
    answer says how much to pay, by when, where, and the reference to quote; the loan
    stays active until that money arrives. 409 `invalid_state` outside the cooling-off
    period (or once a payment was made); 200 with the open request if one is open.

    Args:
        id (int):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExitRequest]
    """

    kwargs = _get_kwargs(
        id=id,
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
    idempotency_key: str | Unset = UNSET,
) -> ExitRequest | None:
    """Ask to cancel the loan within the cooling-off period (the loan's borrower)

     Ask to cancel the loan within the cooling-off period (the loan's borrower). The
    answer says how much to pay, by when, where, and the reference to quote; the loan
    stays active until that money arrives. 409 `invalid_state` outside the cooling-off
    period (or once a payment was made); 200 with the open request if one is open.

    Args:
        id (int):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExitRequest
    """

    return sync_detailed(
        id=id,
        client=client,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> Response[ExitRequest]:
    """Ask to cancel the loan within the cooling-off period (the loan's borrower)

     Ask to cancel the loan within the cooling-off period (the loan's borrower). The
    answer says how much to pay, by when, where, and the reference to quote; the loan
    stays active until that money arrives. 409 `invalid_state` outside the cooling-off
    period (or once a payment was made); 200 with the open request if one is open.

    Args:
        id (int):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ExitRequest]
    """

    kwargs = _get_kwargs(
        id=id,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient,
    idempotency_key: str | Unset = UNSET,
) -> ExitRequest | None:
    """Ask to cancel the loan within the cooling-off period (the loan's borrower)

     Ask to cancel the loan within the cooling-off period (the loan's borrower). The
    answer says how much to pay, by when, where, and the reference to quote; the loan
    stays active until that money arrives. 409 `invalid_state` outside the cooling-off
    period (or once a payment was made); 200 with the open request if one is open.

    Args:
        id (int):
        idempotency_key (str | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ExitRequest
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            idempotency_key=idempotency_key,
        )
    ).parsed
