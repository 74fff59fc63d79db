from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.collection_cases_list_status import (
    CollectionCasesListStatus,
)
from ...models.paginated_case_list import PaginatedCaseList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    assigned_to: float | Unset = UNSET,
    bucket: str | Unset = UNSET,
    dpd_max: int | Unset = UNSET,
    dpd_min: int | Unset = UNSET,
    legal_escalated: bool | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: CollectionCasesListStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["assigned_to"] = assigned_to

    params["bucket"] = bucket

    params["dpd_max"] = dpd_max

    params["dpd_min"] = dpd_min

    params["legal_escalated"] = legal_escalated

    params["page"] = page

    params["page_size"] = page_size

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/collection/cases/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PaginatedCaseList | None:
    if response.status_code == 200:
        response_200 = PaginatedCaseList.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PaginatedCaseList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    assigned_to: float | Unset = UNSET,
    bucket: str | Unset = UNSET,
    dpd_max: int | Unset = UNSET,
    dpd_min: int | Unset = UNSET,
    legal_escalated: bool | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: CollectionCasesListStatus | Unset = UNSET,
) -> Response[PaginatedCaseList]:
    """List cases

    Args:
        assigned_to (float | Unset):
        bucket (str | Unset):
        dpd_max (int | Unset):
        dpd_min (int | Unset):
        legal_escalated (bool | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (CollectionCasesListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedCaseList]
    """

    kwargs = _get_kwargs(
        assigned_to=assigned_to,
        bucket=bucket,
        dpd_max=dpd_max,
        dpd_min=dpd_min,
        legal_escalated=legal_escalated,
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
    assigned_to: float | Unset = UNSET,
    bucket: str | Unset = UNSET,
    dpd_max: int | Unset = UNSET,
    dpd_min: int | Unset = UNSET,
    legal_escalated: bool | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: CollectionCasesListStatus | Unset = UNSET,
) -> PaginatedCaseList | None:
    """List cases

    Args:
        assigned_to (float | Unset):
        bucket (str | Unset):
        dpd_max (int | Unset):
        dpd_min (int | Unset):
        legal_escalated (bool | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (CollectionCasesListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedCaseList
    """

    return sync_detailed(
        client=client,
        assigned_to=assigned_to,
        bucket=bucket,
        dpd_max=dpd_max,
        dpd_min=dpd_min,
        legal_escalated=legal_escalated,
        page=page,
        page_size=page_size,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    assigned_to: float | Unset = UNSET,
    bucket: str | Unset = UNSET,
    dpd_max: int | Unset = UNSET,
    dpd_min: int | Unset = UNSET,
    legal_escalated: bool | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: CollectionCasesListStatus | Unset = UNSET,
) -> Response[PaginatedCaseList]:
    """List cases

    Args:
        assigned_to (float | Unset):
        bucket (str | Unset):
        dpd_max (int | Unset):
        dpd_min (int | Unset):
        legal_escalated (bool | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (CollectionCasesListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedCaseList]
    """

    kwargs = _get_kwargs(
        assigned_to=assigned_to,
        bucket=bucket,
        dpd_max=dpd_max,
        dpd_min=dpd_min,
        legal_escalated=legal_escalated,
        page=page,
        page_size=page_size,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    assigned_to: float | Unset = UNSET,
    bucket: str | Unset = UNSET,
    dpd_max: int | Unset = UNSET,
    dpd_min: int | Unset = UNSET,
    legal_escalated: bool | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: CollectionCasesListStatus | Unset = UNSET,
) -> PaginatedCaseList | None:
    """List cases

    Args:
        assigned_to (float | Unset):
        bucket (str | Unset):
        dpd_max (int | Unset):
        dpd_min (int | Unset):
        legal_escalated (bool | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (CollectionCasesListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedCaseList
    """

    return (
        await asyncio_detailed(
            client=client,
            assigned_to=assigned_to,
            bucket=bucket,
            dpd_max=dpd_max,
            dpd_min=dpd_min,
            legal_escalated=legal_escalated,
            page=page,
            page_size=page_size,
            status=status,
        )
    ).parsed
