from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.payment_create_request import PaymentCreateRequest
from ...models.payment_posted import PaymentPosted
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: PaymentCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/payments/",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PaymentPosted | None:
    if response.status_code == 201:
        response_201 = PaymentPosted.from_dict(response.json())

        return response_201

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PaymentPosted]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: PaymentCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[PaymentPosted]:
    """Post a payment received on `paid_on` (finance, loan officers)

     Post a payment received on `paid_on` (finance, loan officers). It is allocated
    oldest installment first; anything beyond the dues to date prepays principal, and a
    payment covering the foreclosure amount closes the loan. Refusals: duplicate_utr
    (409), loan_not_active (409), future_dated / backdated / amount_out_of_range (422),
    permission_denied (403); naming allocation, status and the like: protected_field.

    Args:
        idempotency_key (str | Unset):
        body (PaymentCreateRequest): For DRF serializers that write. `is_valid()` refuses a body
            naming any of
            `protected_fields` before validating anything; views may call `guard()` earlier (for
            instance before their own permission check) — it runs once.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaymentPosted]
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
    body: PaymentCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> PaymentPosted | None:
    """Post a payment received on `paid_on` (finance, loan officers)

     Post a payment received on `paid_on` (finance, loan officers). It is allocated
    oldest installment first; anything beyond the dues to date prepays principal, and a
    payment covering the foreclosure amount closes the loan. Refusals: duplicate_utr
    (409), loan_not_active (409), future_dated / backdated / amount_out_of_range (422),
    permission_denied (403); naming allocation, status and the like: protected_field.

    Args:
        idempotency_key (str | Unset):
        body (PaymentCreateRequest): For DRF serializers that write. `is_valid()` refuses a body
            naming any of
            `protected_fields` before validating anything; views may call `guard()` earlier (for
            instance before their own permission check) — it runs once.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaymentPosted
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: PaymentCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[PaymentPosted]:
    """Post a payment received on `paid_on` (finance, loan officers)

     Post a payment received on `paid_on` (finance, loan officers). It is allocated
    oldest installment first; anything beyond the dues to date prepays principal, and a
    payment covering the foreclosure amount closes the loan. Refusals: duplicate_utr
    (409), loan_not_active (409), future_dated / backdated / amount_out_of_range (422),
    permission_denied (403); naming allocation, status and the like: protected_field.

    Args:
        idempotency_key (str | Unset):
        body (PaymentCreateRequest): For DRF serializers that write. `is_valid()` refuses a body
            naming any of
            `protected_fields` before validating anything; views may call `guard()` earlier (for
            instance before their own permission check) — it runs once.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaymentPosted]
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
    body: PaymentCreateRequest,
    idempotency_key: str | Unset = UNSET,
) -> PaymentPosted | None:
    """Post a payment received on `paid_on` (finance, loan officers)

     Post a payment received on `paid_on` (finance, loan officers). It is allocated
    oldest installment first; anything beyond the dues to date prepays principal, and a
    payment covering the foreclosure amount closes the loan. Refusals: duplicate_utr
    (409), loan_not_active (409), future_dated / backdated / amount_out_of_range (422),
    permission_denied (403); naming allocation, status and the like: protected_field.

    Args:
        idempotency_key (str | Unset):
        body (PaymentCreateRequest): For DRF serializers that write. `is_valid()` refuses a body
            naming any of
            `protected_fields` before validating anything; views may call `guard()` earlier (for
            instance before their own permission check) — it runs once.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaymentPosted
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
