from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.loans_list_status import LoansListStatus
from ...models.paginated_loan_list import PaginatedLoanList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    bucket: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    product: int | Unset = UNSET,
    status: LoansListStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["bucket"] = bucket

    params["page"] = page

    params["page_size"] = page_size

    params["product"] = product

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/loans/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PaginatedLoanList | None:
    if response.status_code == 200:
        response_200 = PaginatedLoanList.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PaginatedLoanList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    bucket: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    product: int | Unset = UNSET,
    status: LoansListStatus | Unset = UNSET,
) -> Response[PaginatedLoanList]:
    """List loans

    Args:
        bucket (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        product (int | Unset):
        status (LoansListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedLoanList]
    """

    kwargs = _get_kwargs(
        bucket=bucket,
        page=page,
        page_size=page_size,
        product=product,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    bucket: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    product: int | Unset = UNSET,
    status: LoansListStatus | Unset = UNSET,
) -> PaginatedLoanList | None:
    """List loans

    Args:
        bucket (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        product (int | Unset):
        status (LoansListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedLoanList
    """

    return sync_detailed(
        client=client,
        bucket=bucket,
        page=page,
        page_size=page_size,
        product=product,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    bucket: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    product: int | Unset = UNSET,
    status: LoansListStatus | Unset = UNSET,
) -> Response[PaginatedLoanList]:
    """List loans

    Args:
        bucket (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        product (int | Unset):
        status (LoansListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedLoanList]
    """

    kwargs = _get_kwargs(
        bucket=bucket,
        page=page,
        page_size=page_size,
        product=product,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    bucket: str | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    product: int | Unset = UNSET,
    status: LoansListStatus | Unset = UNSET,
) -> PaginatedLoanList | None:
    """List loans

    Args:
        bucket (str | Unset):
        page (int | Unset):
        page_size (int | Unset):
        product (int | Unset):
        status (LoansListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedLoanList
    """

    return (
        await asyncio_detailed(
            client=client,
            bucket=bucket,
            page=page,
            page_size=page_size,
            product=product,
            status=status,
        )
    ).parsed
