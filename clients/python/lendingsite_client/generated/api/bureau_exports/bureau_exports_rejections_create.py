from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bureau_export import BureauExport
from ...models.rejection_upload_request import RejectionUploadRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    body: RejectionUploadRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/bureau-exports/{id}/rejections/".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BureauExport | None:
    if response.status_code == 200:
        response_200 = BureauExport.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BureauExport]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
    body: RejectionUploadRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[BureauExport]:
    """Load the bureau's rejection report for this file; each error is shown on its loan

     Load the bureau's rejection report for this file; each error is shown on its loan.

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (RejectionUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BureauExport]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient,
    body: RejectionUploadRequest,
    idempotency_key: str | Unset = UNSET,
) -> BureauExport | None:
    """Load the bureau's rejection report for this file; each error is shown on its loan

     Load the bureau's rejection report for this file; each error is shown on its loan.

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (RejectionUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BureauExport
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
    body: RejectionUploadRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[BureauExport]:
    """Load the bureau's rejection report for this file; each error is shown on its loan

     Load the bureau's rejection report for this file; each error is shown on its loan.

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (RejectionUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BureauExport]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient,
    body: RejectionUploadRequest,
    idempotency_key: str | Unset = UNSET,
) -> BureauExport | None:
    """Load the bureau's rejection report for this file; each error is shown on its loan

     Load the bureau's rejection report for this file; each error is shown on its loan.

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (RejectionUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BureauExport
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
