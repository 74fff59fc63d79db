from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.revealed_phone import RevealedPhone
from ...types import Response


def _get_kwargs(
    id: int,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/collection/cases/{id}/borrower-phone/".format(
            id=quote(str(id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> RevealedPhone | None:
    if response.status_code == 200:
        response_200 = RevealedPhone.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[RevealedPhone]:
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
) -> Response[RevealedPhone]:
    """The borrower's full phone number, to call them about this case: for the collector the…

     The borrower's full phone number, to call them about this case: for the
    collector the case is assigned to, or a collections manager, while the case is
    open. Each call is recorded (audit `pii.revealed`); a refusal too (`pii.reveal`).
    Someone else's case is a 404, an auditor gets 403, a closed case 409.

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RevealedPhone]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    id: int,
    *,
    client: AuthenticatedClient,
) -> RevealedPhone | None:
    """The borrower's full phone number, to call them about this case: for the collector the…

     The borrower's full phone number, to call them about this case: for the
    collector the case is assigned to, or a collections manager, while the case is
    open. Each call is recorded (audit `pii.revealed`); a refusal too (`pii.reveal`).
    Someone else's case is a 404, an auditor gets 403, a closed case 409.

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RevealedPhone
    """

    return sync_detailed(
        id=id,
        client=client,
    ).parsed


async def asyncio_detailed(
    id: int,
    *,
    client: AuthenticatedClient,
) -> Response[RevealedPhone]:
    """The borrower's full phone number, to call them about this case: for the collector the…

     The borrower's full phone number, to call them about this case: for the
    collector the case is assigned to, or a collections manager, while the case is
    open. Each call is recorded (audit `pii.revealed`); a refusal too (`pii.reveal`).
    Someone else's case is a 404, an auditor gets 403, a closed case 409.

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[RevealedPhone]
    """

    kwargs = _get_kwargs(
        id=id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    id: int,
    *,
    client: AuthenticatedClient,
) -> RevealedPhone | None:
    """The borrower's full phone number, to call them about this case: for the collector the…

     The borrower's full phone number, to call them about this case: for the
    collector the case is assigned to, or a collections manager, while the case is
    open. Each call is recorded (audit `pii.revealed`); a refusal too (`pii.reveal`).
    Someone else's case is a 404, an auditor gets 403, a closed case 409.

    Args:
        id (int):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        RevealedPhone
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
        )
    ).parsed
