import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.collection_runs_list_status import (
    CollectionRunsListStatus,
)
from ...models.paginated_day_end_run_list import PaginatedDayEndRunList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    business_date: datetime.date | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: CollectionRunsListStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_business_date: str | Unset = UNSET
    if not isinstance(business_date, Unset):
        json_business_date = business_date.isoformat()
    params["business_date"] = json_business_date

    params["page"] = page

    params["page_size"] = page_size

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/collection/runs/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PaginatedDayEndRunList | None:
    if response.status_code == 200:
        response_200 = PaginatedDayEndRunList.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PaginatedDayEndRunList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    business_date: datetime.date | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: CollectionRunsListStatus | Unset = UNSET,
) -> Response[PaginatedDayEndRunList]:
    """List runs

    Args:
        business_date (datetime.date | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (CollectionRunsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedDayEndRunList]
    """

    kwargs = _get_kwargs(
        business_date=business_date,
        page=page,
        page_size=page_size,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    business_date: datetime.date | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: CollectionRunsListStatus | Unset = UNSET,
) -> PaginatedDayEndRunList | None:
    """List runs

    Args:
        business_date (datetime.date | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (CollectionRunsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedDayEndRunList
    """

    return sync_detailed(
        client=client,
        business_date=business_date,
        page=page,
        page_size=page_size,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    business_date: datetime.date | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: CollectionRunsListStatus | Unset = UNSET,
) -> Response[PaginatedDayEndRunList]:
    """List runs

    Args:
        business_date (datetime.date | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (CollectionRunsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedDayEndRunList]
    """

    kwargs = _get_kwargs(
        business_date=business_date,
        page=page,
        page_size=page_size,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    business_date: datetime.date | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: CollectionRunsListStatus | Unset = UNSET,
) -> PaginatedDayEndRunList | None:
    """List runs

    Args:
        business_date (datetime.date | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (CollectionRunsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedDayEndRunList
    """

    return (
        await asyncio_detailed(
            client=client,
            business_date=business_date,
            page=page,
            page_size=page_size,
            status=status,
        )
    ).parsed
