import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.provisions_page import ProvisionsPage
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    as_of: datetime.date | Unset = UNSET,
    page: int | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_as_of: str | Unset = UNSET
    if not isinstance(as_of, Unset):
        json_as_of = as_of.isoformat()
    params["as_of"] = json_as_of

    params["page"] = page

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/provisions/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ProvisionsPage | None:
    if response.status_code == 200:
        response_200 = ProvisionsPage.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ProvisionsPage]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | Unset = UNSET,
    page: int | Unset = UNSET,
) -> Response[ProvisionsPage]:
    """The provisioning of the month-end close on or before `as_of`: `summary` per asset…

     The provisioning of the month-end close on or before `as_of`: `summary` per
    asset class (loans, exposure, provision), then each loan's detail (paginated).

    Args:
        as_of (datetime.date | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProvisionsPage]
    """

    kwargs = _get_kwargs(
        as_of=as_of,
        page=page,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | Unset = UNSET,
    page: int | Unset = UNSET,
) -> ProvisionsPage | None:
    """The provisioning of the month-end close on or before `as_of`: `summary` per asset…

     The provisioning of the month-end close on or before `as_of`: `summary` per
    asset class (loans, exposure, provision), then each loan's detail (paginated).

    Args:
        as_of (datetime.date | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProvisionsPage
    """

    return sync_detailed(
        client=client,
        as_of=as_of,
        page=page,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | Unset = UNSET,
    page: int | Unset = UNSET,
) -> Response[ProvisionsPage]:
    """The provisioning of the month-end close on or before `as_of`: `summary` per asset…

     The provisioning of the month-end close on or before `as_of`: `summary` per
    asset class (loans, exposure, provision), then each loan's detail (paginated).

    Args:
        as_of (datetime.date | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ProvisionsPage]
    """

    kwargs = _get_kwargs(
        as_of=as_of,
        page=page,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    as_of: datetime.date | Unset = UNSET,
    page: int | Unset = UNSET,
) -> ProvisionsPage | None:
    """The provisioning of the month-end close on or before `as_of`: `summary` per asset…

     The provisioning of the month-end close on or before `as_of`: `summary` per
    asset class (loans, exposure, provision), then each loan's detail (paginated).

    Args:
        as_of (datetime.date | Unset):
        page (int | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ProvisionsPage
    """

    return (
        await asyncio_detailed(
            client=client,
            as_of=as_of,
            page=page,
        )
    ).parsed
