from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.kyc_documents_list_doc_type import (
    KycDocumentsListDocType,
)
from ...models.kyc_documents_list_status import (
    KycDocumentsListStatus,
)
from ...models.paginated_kyc_document_list import PaginatedKycDocumentList
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    doc_type: KycDocumentsListDocType | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: KycDocumentsListStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_doc_type: str | Unset = UNSET
    if not isinstance(doc_type, Unset):
        json_doc_type = doc_type

    params["doc_type"] = json_doc_type

    params["page"] = page

    params["page_size"] = page_size

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/kyc-documents/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PaginatedKycDocumentList | None:
    if response.status_code == 200:
        response_200 = PaginatedKycDocumentList.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PaginatedKycDocumentList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    doc_type: KycDocumentsListDocType | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: KycDocumentsListStatus | Unset = UNSET,
) -> Response[PaginatedKycDocumentList]:
    """List kyc documents

     Officers see every document; anyone else sees only their own (others are 404).

    Args:
        doc_type (KycDocumentsListDocType | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (KycDocumentsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedKycDocumentList]
    """

    kwargs = _get_kwargs(
        doc_type=doc_type,
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
    doc_type: KycDocumentsListDocType | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: KycDocumentsListStatus | Unset = UNSET,
) -> PaginatedKycDocumentList | None:
    """List kyc documents

     Officers see every document; anyone else sees only their own (others are 404).

    Args:
        doc_type (KycDocumentsListDocType | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (KycDocumentsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedKycDocumentList
    """

    return sync_detailed(
        client=client,
        doc_type=doc_type,
        page=page,
        page_size=page_size,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    doc_type: KycDocumentsListDocType | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: KycDocumentsListStatus | Unset = UNSET,
) -> Response[PaginatedKycDocumentList]:
    """List kyc documents

     Officers see every document; anyone else sees only their own (others are 404).

    Args:
        doc_type (KycDocumentsListDocType | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (KycDocumentsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedKycDocumentList]
    """

    kwargs = _get_kwargs(
        doc_type=doc_type,
        page=page,
        page_size=page_size,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    doc_type: KycDocumentsListDocType | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    status: KycDocumentsListStatus | Unset = UNSET,
) -> PaginatedKycDocumentList | None:
    """List kyc documents

     Officers see every document; anyone else sees only their own (others are 404).

    Args:
        doc_type (KycDocumentsListDocType | Unset):
        page (int | Unset):
        page_size (int | Unset):
        status (KycDocumentsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedKycDocumentList
    """

    return (
        await asyncio_detailed(
            client=client,
            doc_type=doc_type,
            page=page,
            page_size=page_size,
            status=status,
        )
    ).parsed
