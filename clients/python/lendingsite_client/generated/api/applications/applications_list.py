from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.applications_list_status import (
    ApplicationsListStatus,
)
from ...models.paginated_application_list import PaginatedApplicationList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    grade: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: ApplicationsListStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["grade"] = grade

    params["page"] = page

    params["page_size"] = page_size

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/applications/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PaginatedApplicationList | None:
    if response.status_code == 200:
        response_200 = PaginatedApplicationList.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PaginatedApplicationList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    grade: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: ApplicationsListStatus | Unset = UNSET,
) -> Response[PaginatedApplicationList]:
    """List applications

     Borrowers see and act on their own applications (anyone else's is a 404); staff with
    the view permission see all, and act as their role allows.

    Args:
        grade (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (ApplicationsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedApplicationList]
    """

    kwargs = _get_kwargs(
        grade=grade,
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
    grade: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: ApplicationsListStatus | Unset = UNSET,
) -> PaginatedApplicationList | None:
    """List applications

     Borrowers see and act on their own applications (anyone else's is a 404); staff with
    the view permission see all, and act as their role allows.

    Args:
        grade (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (ApplicationsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedApplicationList
    """

    return sync_detailed(
        client=client,
        grade=grade,
        page=page,
        page_size=page_size,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    grade: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: ApplicationsListStatus | Unset = UNSET,
) -> Response[PaginatedApplicationList]:
    """List applications

     Borrowers see and act on their own applications (anyone else's is a 404); staff with
    the view permission see all, and act as their role allows.

    Args:
        grade (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (ApplicationsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedApplicationList]
    """

    kwargs = _get_kwargs(
        grade=grade,
        page=page,
        page_size=page_size,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    grade: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: ApplicationsListStatus | Unset = UNSET,
) -> PaginatedApplicationList | None:
    """List applications

     Borrowers see and act on their own applications (anyone else's is a 404); staff with
    the view permission see all, and act as their role allows.

    Args:
        grade (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (ApplicationsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedApplicationList
    """

    return (
        await asyncio_detailed(
            client=client,
            grade=grade,
            page=page,
            page_size=page_size,
            status=status,
        )
    ).parsed
