from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.loan import Loan
from ...models.patched_loan_update_request import PatchedLoanUpdateRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: str,
    *,
    body: PatchedLoanUpdateRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/loans/{id}/".format(
            id=quote(str(id), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Loan | None:
    if response.status_code == 200:
        response_200 = Loan.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Loan]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: PatchedLoanUpdateRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Loan]:
    """Change a loan's non-financial fields (`notes`; loan officers)

     Change a loan's non-financial fields (`notes`; loan officers). Naming any
    financial field (status, dpd, bucket, principal, rate, balances, schedule) refuses
    the whole request with 403 `protected_field`, and the attempt is audited.

    Args:
        id (str):
        idempotency_key (str | Unset):
        body (PatchedLoanUpdateRequest | Unset): PATCH: the non-financial fields staff may change.
            Anything in
            LOAN_PROTECTED_FIELDS in the body is refused as a whole (403 protected_field).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Loan]
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
    id: str,
    *,
    client: AuthenticatedClient,
    body: PatchedLoanUpdateRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Loan | None:
    """Change a loan's non-financial fields (`notes`; loan officers)

     Change a loan's non-financial fields (`notes`; loan officers). Naming any
    financial field (status, dpd, bucket, principal, rate, balances, schedule) refuses
    the whole request with 403 `protected_field`, and the attempt is audited.

    Args:
        id (str):
        idempotency_key (str | Unset):
        body (PatchedLoanUpdateRequest | Unset): PATCH: the non-financial fields staff may change.
            Anything in
            LOAN_PROTECTED_FIELDS in the body is refused as a whole (403 protected_field).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Loan
    """

    return sync_detailed(
        id=id,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    id: str,
    *,
    client: AuthenticatedClient,
    body: PatchedLoanUpdateRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Loan]:
    """Change a loan's non-financial fields (`notes`; loan officers)

     Change a loan's non-financial fields (`notes`; loan officers). Naming any
    financial field (status, dpd, bucket, principal, rate, balances, schedule) refuses
    the whole request with 403 `protected_field`, and the attempt is audited.

    Args:
        id (str):
        idempotency_key (str | Unset):
        body (PatchedLoanUpdateRequest | Unset): PATCH: the non-financial fields staff may change.
            Anything in
            LOAN_PROTECTED_FIELDS in the body is refused as a whole (403 protected_field).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Loan]
    """

    kwargs = _get_kwargs(
        id=id,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: str,
    *,
    client: AuthenticatedClient,
    body: PatchedLoanUpdateRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Loan | None:
    """Change a loan's non-financial fields (`notes`; loan officers)

     Change a loan's non-financial fields (`notes`; loan officers). Naming any
    financial field (status, dpd, bucket, principal, rate, balances, schedule) refuses
    the whole request with 403 `protected_field`, and the attempt is audited.

    Args:
        id (str):
        idempotency_key (str | Unset):
        body (PatchedLoanUpdateRequest | Unset): PATCH: the non-financial fields staff may change.
            Anything in
            LOAN_PROTECTED_FIELDS in the body is refused as a whole (403 protected_field).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Loan
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
