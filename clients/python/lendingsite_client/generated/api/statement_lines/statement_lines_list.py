from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.paginated_statement_line_list import PaginatedStatementLineList
from ...models.statement_lines_list_status import (
    StatementLinesListStatus,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    loan: float | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    statement: float | Unset = UNSET,
    status: StatementLinesListStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["loan"] = loan

    params["page"] = page

    params["page_size"] = page_size

    params["statement"] = statement

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/statement-lines/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PaginatedStatementLineList | None:
    if response.status_code == 200:
        response_200 = PaginatedStatementLineList.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PaginatedStatementLineList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    loan: float | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    statement: float | Unset = UNSET,
    status: StatementLinesListStatus | Unset = UNSET,
) -> Response[PaginatedStatementLineList]:
    """List statement lines

    Args:
        loan (float | Unset):
        page (int | Unset):
        page_size (int | Unset):
        statement (float | Unset):
        status (StatementLinesListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedStatementLineList]
    """

    kwargs = _get_kwargs(
        loan=loan,
        page=page,
        page_size=page_size,
        statement=statement,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    loan: float | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    statement: float | Unset = UNSET,
    status: StatementLinesListStatus | Unset = UNSET,
) -> PaginatedStatementLineList | None:
    """List statement lines

    Args:
        loan (float | Unset):
        page (int | Unset):
        page_size (int | Unset):
        statement (float | Unset):
        status (StatementLinesListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedStatementLineList
    """

    return sync_detailed(
        client=client,
        loan=loan,
        page=page,
        page_size=page_size,
        statement=statement,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    loan: float | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    statement: float | Unset = UNSET,
    status: StatementLinesListStatus | Unset = UNSET,
) -> Response[PaginatedStatementLineList]:
    """List statement lines

    Args:
        loan (float | Unset):
        page (int | Unset):
        page_size (int | Unset):
        statement (float | Unset):
        status (StatementLinesListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedStatementLineList]
    """

    kwargs = _get_kwargs(
        loan=loan,
        page=page,
        page_size=page_size,
        statement=statement,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    loan: float | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    statement: float | Unset = UNSET,
    status: StatementLinesListStatus | Unset = UNSET,
) -> PaginatedStatementLineList | None:
    """List statement lines

    Args:
        loan (float | Unset):
        page (int | Unset):
        page_size (int | Unset):
        statement (float | Unset):
        status (StatementLinesListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedStatementLineList
    """

    return (
        await asyncio_detailed(
            client=client,
            loan=loan,
            page=page,
            page_size=page_size,
            statement=statement,
            status=status,
        )
    ).parsed
