from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.promise import Promise
from ...models.promise_create_request import PromiseCreateRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    body: PromiseCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/collection/cases/{id}/promises/".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Promise | None:
    if response.status_code == 201:
        response_201 = Promise.from_dict(response.json())

        return response_201

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Promise]:
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
    body: PromiseCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Promise]:
    """Record the borrower's promise to pay

     GET: the case's promises, newest first. POST: record the borrower's promise to
    pay `amount` by `promised_on` (today to 30 days ahead); the case moves to
    promise_to_pay. The promise is settled at the end of its date: kept if payments
    made from the day of the promise to that date reach the amount, else broken.

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (PromiseCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Promise]
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
    body: PromiseCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> Promise | None:
    """Record the borrower's promise to pay

     GET: the case's promises, newest first. POST: record the borrower's promise to
    pay `amount` by `promised_on` (today to 30 days ahead); the case moves to
    promise_to_pay. The promise is settled at the end of its date: kept if payments
    made from the day of the promise to that date reach the amount, else broken.

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (PromiseCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Promise
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
    body: PromiseCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Promise]:
    """Record the borrower's promise to pay

     GET: the case's promises, newest first. POST: record the borrower's promise to
    pay `amount` by `promised_on` (today to 30 days ahead); the case moves to
    promise_to_pay. The promise is settled at the end of its date: kept if payments
    made from the day of the promise to that date reach the amount, else broken.

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (PromiseCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Promise]
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
    body: PromiseCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> Promise | None:
    """Record the borrower's promise to pay

     GET: the case's promises, newest first. POST: record the borrower's promise to
    pay `amount` by `promised_on` (today to 30 days ahead); the case moves to
    promise_to_pay. The promise is settled at the end of its date: kept if payments
    made from the day of the promise to that date reach the amount, else broken.

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (PromiseCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Promise
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
