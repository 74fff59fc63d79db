from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.bank_account import BankAccount
from ...models.bank_account_create_request import BankAccountCreateRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: BankAccountCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/me/bank-accounts/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> BankAccount | None:
    if response.status_code == 201:
        response_201 = BankAccount.from_dict(response.json())

        return response_201

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[BankAccount]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: BankAccountCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[BankAccount]:
    """Add the account the loan should be paid into

     Add the account the loan should be paid into. It replaces your current one and
    is checked against your KYC name at once; added while an offer is open, an officer
    must verify it first.

    Args:
        idempotency_key (str | Unset):
        body (BankAccountCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BankAccount]
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
    body: BankAccountCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> BankAccount | None:
    """Add the account the loan should be paid into

     Add the account the loan should be paid into. It replaces your current one and
    is checked against your KYC name at once; added while an offer is open, an officer
    must verify it first.

    Args:
        idempotency_key (str | Unset):
        body (BankAccountCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BankAccount
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: BankAccountCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[BankAccount]:
    """Add the account the loan should be paid into

     Add the account the loan should be paid into. It replaces your current one and
    is checked against your KYC name at once; added while an offer is open, an officer
    must verify it first.

    Args:
        idempotency_key (str | Unset):
        body (BankAccountCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[BankAccount]
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
    body: BankAccountCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> BankAccount | None:
    """Add the account the loan should be paid into

     Add the account the loan should be paid into. It replaces your current one and
    is checked against your KYC name at once; added while an offer is open, an officer
    must verify it first.

    Args:
        idempotency_key (str | Unset):
        body (BankAccountCreateRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        BankAccount
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
