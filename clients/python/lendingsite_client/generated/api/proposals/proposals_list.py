from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.paginated_proposal_list import PaginatedProposalList
from ...models.proposals_list_kind import ProposalsListKind
from ...models.proposals_list_status import ProposalsListStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    kind: ProposalsListKind | Unset = UNSET,
    loan: float | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: ProposalsListStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_kind: str | Unset = UNSET
    if not isinstance(kind, Unset):
        json_kind = kind

    params["kind"] = json_kind

    params["loan"] = loan

    params["page"] = page

    params["page_size"] = page_size

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/proposals/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PaginatedProposalList | None:
    if response.status_code == 200:
        response_200 = PaginatedProposalList.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PaginatedProposalList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    kind: ProposalsListKind | Unset = UNSET,
    loan: float | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: ProposalsListStatus | Unset = UNSET,
) -> Response[PaginatedProposalList]:
    """List proposals

    Args:
        kind (ProposalsListKind | Unset):
        loan (float | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (ProposalsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedProposalList]
    """

    kwargs = _get_kwargs(
        kind=kind,
        loan=loan,
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
    kind: ProposalsListKind | Unset = UNSET,
    loan: float | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: ProposalsListStatus | Unset = UNSET,
) -> PaginatedProposalList | None:
    """List proposals

    Args:
        kind (ProposalsListKind | Unset):
        loan (float | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (ProposalsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedProposalList
    """

    return sync_detailed(
        client=client,
        kind=kind,
        loan=loan,
        page=page,
        page_size=page_size,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    kind: ProposalsListKind | Unset = UNSET,
    loan: float | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: ProposalsListStatus | Unset = UNSET,
) -> Response[PaginatedProposalList]:
    """List proposals

    Args:
        kind (ProposalsListKind | Unset):
        loan (float | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (ProposalsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedProposalList]
    """

    kwargs = _get_kwargs(
        kind=kind,
        loan=loan,
        page=page,
        page_size=page_size,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    kind: ProposalsListKind | Unset = UNSET,
    loan: float | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: ProposalsListStatus | Unset = UNSET,
) -> PaginatedProposalList | None:
    """List proposals

    Args:
        kind (ProposalsListKind | Unset):
        loan (float | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (ProposalsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedProposalList
    """

    return (
        await asyncio_detailed(
            client=client,
            kind=kind,
            loan=loan,
            page=page,
            page_size=page_size,
            status=status,
        )
    ).parsed
