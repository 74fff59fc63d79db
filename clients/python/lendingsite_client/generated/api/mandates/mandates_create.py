from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.mandate_create_request import MandateCreateRequest
from ...models.mandate_created import MandateCreated
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: MandateCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/mandates/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> MandateCreated | None:
    if response.status_code == 201:
        response_201 = MandateCreated.from_dict(response.json())

        return response_201

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[MandateCreated]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: MandateCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[MandateCreated]:
    """Register an auto-debit mandate on the caller's loan (their verified account)

     Register an auto-debit mandate on the caller's loan (their verified account).
    409 account_not_verified, 409 duplicate (a mandate is live), 404 someone else's loan.

    Args:
        idempotency_key (str | Unset):
        body (MandateCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MandateCreated]
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
    body: MandateCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> MandateCreated | None:
    """Register an auto-debit mandate on the caller's loan (their verified account)

     Register an auto-debit mandate on the caller's loan (their verified account).
    409 account_not_verified, 409 duplicate (a mandate is live), 404 someone else's loan.

    Args:
        idempotency_key (str | Unset):
        body (MandateCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MandateCreated
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: MandateCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[MandateCreated]:
    """Register an auto-debit mandate on the caller's loan (their verified account)

     Register an auto-debit mandate on the caller's loan (their verified account).
    409 account_not_verified, 409 duplicate (a mandate is live), 404 someone else's loan.

    Args:
        idempotency_key (str | Unset):
        body (MandateCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[MandateCreated]
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
    body: MandateCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> MandateCreated | None:
    """Register an auto-debit mandate on the caller's loan (their verified account)

     Register an auto-debit mandate on the caller's loan (their verified account).
    409 account_not_verified, 409 duplicate (a mandate is live), 404 someone else's loan.

    Args:
        idempotency_key (str | Unset):
        body (MandateCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        MandateCreated
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
