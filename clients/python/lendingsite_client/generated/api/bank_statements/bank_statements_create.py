from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.statement_import import StatementImport
from ...models.statement_upload_request import StatementUploadRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: StatementUploadRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/bank-statements/",
    }

    _kwargs["files"] = body.to_multipart()

    headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> StatementImport | None:
    if response.status_code == 201:
        response_201 = StatementImport.from_dict(response.json())

        return response_201

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[StatementImport]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: StatementUploadRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[StatementImport]:
    """Import a bank statement (finance): matched credits are posted once, the rest queued

     Import a bank statement (finance): matched credits are posted once, the rest
    queued. Uploading the same file again posts nothing new.

    Args:
        idempotency_key (str | Unset):
        body (StatementUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[StatementImport]
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
    body: StatementUploadRequest,
    idempotency_key: str | Unset = UNSET,
) -> StatementImport | None:
    """Import a bank statement (finance): matched credits are posted once, the rest queued

     Import a bank statement (finance): matched credits are posted once, the rest
    queued. Uploading the same file again posts nothing new.

    Args:
        idempotency_key (str | Unset):
        body (StatementUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        StatementImport
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: StatementUploadRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[StatementImport]:
    """Import a bank statement (finance): matched credits are posted once, the rest queued

     Import a bank statement (finance): matched credits are posted once, the rest
    queued. Uploading the same file again posts nothing new.

    Args:
        idempotency_key (str | Unset):
        body (StatementUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[StatementImport]
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
    body: StatementUploadRequest,
    idempotency_key: str | Unset = UNSET,
) -> StatementImport | None:
    """Import a bank statement (finance): matched credits are posted once, the rest queued

     Import a bank statement (finance): matched credits are posted once, the rest
    queued. Uploading the same file again posts nothing new.

    Args:
        idempotency_key (str | Unset):
        body (StatementUploadRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        StatementImport
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
