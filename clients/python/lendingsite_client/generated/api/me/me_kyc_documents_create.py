from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.kyc_document import KycDocument
from ...models.kyc_upload_request import KycUploadRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: KycUploadRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/me/kyc-documents/",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> KycDocument | None:
    if response.status_code == 201:
        response_201 = KycDocument.from_dict(response.json())

        return response_201

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[KycDocument]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: KycUploadRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[KycDocument]:
    """Upload a KYC document (PDF, JPEG or PNG, up to 5 MB) to your own profile

     Upload a KYC document (PDF, JPEG or PNG, up to 5 MB) to your own profile.

    Args:
        idempotency_key (str | Unset):
        body (KycUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[KycDocument]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: KycUploadRequest,
    idempotency_key: str | Unset = UNSET,
) -> KycDocument | None:
    """Upload a KYC document (PDF, JPEG or PNG, up to 5 MB) to your own profile

     Upload a KYC document (PDF, JPEG or PNG, up to 5 MB) to your own profile.

    Args:
        idempotency_key (str | Unset):
        body (KycUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        KycDocument
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: KycUploadRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[KycDocument]:
    """Upload a KYC document (PDF, JPEG or PNG, up to 5 MB) to your own profile

     Upload a KYC document (PDF, JPEG or PNG, up to 5 MB) to your own profile.

    Args:
        idempotency_key (str | Unset):
        body (KycUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[KycDocument]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: KycUploadRequest,
    idempotency_key: str | Unset = UNSET,
) -> KycDocument | None:
    """Upload a KYC document (PDF, JPEG or PNG, up to 5 MB) to your own profile

     Upload a KYC document (PDF, JPEG or PNG, up to 5 MB) to your own profile.

    Args:
        idempotency_key (str | Unset):
        body (KycUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        KycDocument
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
