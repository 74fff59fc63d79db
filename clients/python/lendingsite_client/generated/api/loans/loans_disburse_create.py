from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.disburse_request import DisburseRequest
from ...models.loan import Loan
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    body: DisburseRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/loans/{id}/disburse/".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Loan | None:
    if response.status_code == 200:
        response_200 = Loan.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Loan]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: DisburseRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Loan]:
    """Disburse a loan pending disbursement (finance; not the person who approved it)

     Disburse a loan pending disbursement (finance; not the person who approved it).
    The schedule is fixed from `disbursed_on` (today or up to 7 days back).

    Args:
        id (str):
        idempotency_key (str | Unset):
        body (DisburseRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Loan]
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
    id: str,
    *,
    client: AuthenticatedClient,
    body: DisburseRequest,
    idempotency_key: str | Unset = UNSET,
) -> Loan | None:
    """Disburse a loan pending disbursement (finance; not the person who approved it)

     Disburse a loan pending disbursement (finance; not the person who approved it).
    The schedule is fixed from `disbursed_on` (today or up to 7 days back).

    Args:
        id (str):
        idempotency_key (str | Unset):
        body (DisburseRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Loan
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: DisburseRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[Loan]:
    """Disburse a loan pending disbursement (finance; not the person who approved it)

     Disburse a loan pending disbursement (finance; not the person who approved it).
    The schedule is fixed from `disbursed_on` (today or up to 7 days back).

    Args:
        id (str):
        idempotency_key (str | Unset):
        body (DisburseRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Loan]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: DisburseRequest,
    idempotency_key: str | Unset = UNSET,
) -> Loan | None:
    """Disburse a loan pending disbursement (finance; not the person who approved it)

     Disburse a loan pending disbursement (finance; not the person who approved it).
    The schedule is fixed from `disbursed_on` (today or up to 7 days back).

    Args:
        id (str):
        idempotency_key (str | Unset):
        body (DisburseRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Loan
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
