import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.cooling_off_quote import CoolingOffQuote
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    on: datetime.date | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_on: str | Unset = UNSET
    if not isinstance(on, Unset):
        json_on = on.isoformat()
    params["on"] = json_on

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/loans/{id}/cooling-off-quote/".format(
            id=quote(str(id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> CoolingOffQuote | None:
    if response.status_code == 200:
        response_200 = CoolingOffQuote.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CoolingOffQuote]:
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
    on: datetime.date | Unset = UNSET,
) -> Response[CoolingOffQuote]:
    """What cancelling the loan on `on` takes: principal plus interest for the days the money…

     What cancelling the loan on `on` takes: principal plus interest for the days
    the money was out; no penalty. 409 once the cooling-off period is over.

    Args:
        id (str):
        on (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoolingOffQuote]
    """

    kwargs = _get_kwargs(
        id=id,
        on=on,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: str,
    *,
    client: AuthenticatedClient,
    on: datetime.date | Unset = UNSET,
) -> CoolingOffQuote | None:
    """What cancelling the loan on `on` takes: principal plus interest for the days the money…

     What cancelling the loan on `on` takes: principal plus interest for the days
    the money was out; no penalty. 409 once the cooling-off period is over.

    Args:
        id (str):
        on (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoolingOffQuote
    """

    return sync_detailed(
        id=id,
        client=client,
        on=on,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    on: datetime.date | Unset = UNSET,
) -> Response[CoolingOffQuote]:
    """What cancelling the loan on `on` takes: principal plus interest for the days the money…

     What cancelling the loan on `on` takes: principal plus interest for the days
    the money was out; no penalty. 409 once the cooling-off period is over.

    Args:
        id (str):
        on (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CoolingOffQuote]
    """

    kwargs = _get_kwargs(
        id=id,
        on=on,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    on: datetime.date | Unset = UNSET,
) -> CoolingOffQuote | None:
    """What cancelling the loan on `on` takes: principal plus interest for the days the money…

     What cancelling the loan on `on` takes: principal plus interest for the days
    the money was out; no penalty. 409 once the cooling-off period is over.

    Args:
        id (str):
        on (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CoolingOffQuote
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            on=on,
        )
    ).parsed
