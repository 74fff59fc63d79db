import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.foreclosure_quote import ForeclosureQuote
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    as_of: datetime.date | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_as_of: str | Unset = UNSET
    if not isinstance(as_of, Unset):
        json_as_of = as_of.isoformat()
    params["as_of"] = json_as_of

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/loans/{id}/foreclosure-quote/".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ForeclosureQuote | None:
    if response.status_code == 200:
        response_200 = ForeclosureQuote.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ForeclosureQuote]:
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
    as_of: datetime.date | Unset = UNSET,
) -> Response[ForeclosureQuote]:
    """The amount that closes the loan on `as_of`, broken down: principal outstanding,…

     The amount that closes the loan on `as_of`, broken down: principal outstanding,
    interest accrued to that day, unpaid penal charges and fees.

    Args:
        id (int):
        as_of (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ForeclosureQuote]
    """

    kwargs = _get_kwargs(
        id=id,
        as_of=as_of,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | Unset = UNSET,
) -> ForeclosureQuote | None:
    """The amount that closes the loan on `as_of`, broken down: principal outstanding,…

     The amount that closes the loan on `as_of`, broken down: principal outstanding,
    interest accrued to that day, unpaid penal charges and fees.

    Args:
        id (int):
        as_of (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ForeclosureQuote
    """

    return sync_detailed(
        id=id,
        client=client,
        as_of=as_of,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | Unset = UNSET,
) -> Response[ForeclosureQuote]:
    """The amount that closes the loan on `as_of`, broken down: principal outstanding,…

     The amount that closes the loan on `as_of`, broken down: principal outstanding,
    interest accrued to that day, unpaid penal charges and fees.

    Args:
        id (int):
        as_of (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ForeclosureQuote]
    """

    kwargs = _get_kwargs(
        id=id,
        as_of=as_of,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | Unset = UNSET,
) -> ForeclosureQuote | None:
    """The amount that closes the loan on `as_of`, broken down: principal outstanding,…

     The amount that closes the loan on `as_of`, broken down: principal outstanding,
    interest accrued to that day, unpaid penal charges and fees.

    Args:
        id (int):
        as_of (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ForeclosureQuote
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            as_of=as_of,
        )
    ).parsed
