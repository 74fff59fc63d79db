from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.application import Application
from ...models.patched_application_update_request import PatchedApplicationUpdateRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    body: PatchedApplicationUpdateRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "patch",
        "url": "/api/v1/applications/{id}/".format(
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
) -> Application | None:
    if response.status_code == 200:
        response_200 = Application.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Application]:
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
    body: PatchedApplicationUpdateRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Application]:
    """Correct the income or existing EMIs (the borrower or a loan officer, before a…

     Correct the income or existing EMIs (the borrower or a loan officer, before a
    decision); a submitted application is re-scored at once. Naming a decision field
    (status, score, offer...) refuses the whole request (403 protected_field).

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (PatchedApplicationUpdateRequest | Unset): PATCH: the figures an application was made
            on. The decision fields (status, score,
            grade, reasons, offer, override...) are refused as a whole (403 protected_field).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Application]
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
    body: PatchedApplicationUpdateRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Application | None:
    """Correct the income or existing EMIs (the borrower or a loan officer, before a…

     Correct the income or existing EMIs (the borrower or a loan officer, before a
    decision); a submitted application is re-scored at once. Naming a decision field
    (status, score, offer...) refuses the whole request (403 protected_field).

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (PatchedApplicationUpdateRequest | Unset): PATCH: the figures an application was made
            on. The decision fields (status, score,
            grade, reasons, offer, override...) are refused as a whole (403 protected_field).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Application
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
    body: PatchedApplicationUpdateRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Application]:
    """Correct the income or existing EMIs (the borrower or a loan officer, before a…

     Correct the income or existing EMIs (the borrower or a loan officer, before a
    decision); a submitted application is re-scored at once. Naming a decision field
    (status, score, offer...) refuses the whole request (403 protected_field).

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (PatchedApplicationUpdateRequest | Unset): PATCH: the figures an application was made
            on. The decision fields (status, score,
            grade, reasons, offer, override...) are refused as a whole (403 protected_field).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Application]
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
    body: PatchedApplicationUpdateRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Application | None:
    """Correct the income or existing EMIs (the borrower or a loan officer, before a…

     Correct the income or existing EMIs (the borrower or a loan officer, before a
    decision); a submitted application is re-scored at once. Naming a decision field
    (status, score, offer...) refuses the whole request (403 protected_field).

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (PatchedApplicationUpdateRequest | Unset): PATCH: the figures an application was made
            on. The decision fields (status, score,
            grade, reasons, offer, override...) are refused as a whole (403 protected_field).

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Application
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
