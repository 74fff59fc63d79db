from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.patched_product_request import PatchedProductRequest
from ...models.product import Product
from ...types import UNSET, Response, Unset


def _get_kwargs(
    code: str,
    *,
    body: PatchedProductRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/products/{code}/".format(
            code=quote(str(code), safe=""),
        ),
    }

    if not isinstance(body, Unset):
        _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Product | None:
    if response.status_code == 200:
        response_200 = Product.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Product]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    code: str,
    *,
    client: AuthenticatedClient,
    body: PatchedProductRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Product]:
    """Change a product

    Args:
        code (str):
        idempotency_key (str | Unset):
        body (PatchedProductRequest | Unset): Every term a product fixes: limits, the quote terms
            as its defaults (`default_rate`
            is the quote's `annual_rate`), charges, penal charges, strategies and collections.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Product]
    """

    kwargs = _get_kwargs(
        code=code,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    code: str,
    *,
    client: AuthenticatedClient,
    body: PatchedProductRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Product | None:
    """Change a product

    Args:
        code (str):
        idempotency_key (str | Unset):
        body (PatchedProductRequest | Unset): Every term a product fixes: limits, the quote terms
            as its defaults (`default_rate`
            is the quote's `annual_rate`), charges, penal charges, strategies and collections.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Product
    """

    return sync_detailed(
        code=code,
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    code: str,
    *,
    client: AuthenticatedClient,
    body: PatchedProductRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Product]:
    """Change a product

    Args:
        code (str):
        idempotency_key (str | Unset):
        body (PatchedProductRequest | Unset): Every term a product fixes: limits, the quote terms
            as its defaults (`default_rate`
            is the quote's `annual_rate`), charges, penal charges, strategies and collections.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Product]
    """

    kwargs = _get_kwargs(
        code=code,
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    code: str,
    *,
    client: AuthenticatedClient,
    body: PatchedProductRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Product | None:
    """Change a product

    Args:
        code (str):
        idempotency_key (str | Unset):
        body (PatchedProductRequest | Unset): Every term a product fixes: limits, the quote terms
            as its defaults (`default_rate`
            is the quote's `annual_rate`), charges, penal charges, strategies and collections.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Product
    """

    return (
        await asyncio_detailed(
            code=code,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
