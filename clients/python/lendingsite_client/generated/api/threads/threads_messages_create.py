from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.message import Message
from ...models.message_post_request import MessagePostRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    body: MessagePostRequest | MessagePostRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/threads/{id}/messages/".format(
            id=quote(str(id), safe=""),
        ),
    }

    if isinstance(body, MessagePostRequest):
        if not isinstance(body, Unset):
            _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, MessagePostRequest):
        if not isinstance(body, Unset):
            _kwargs["files"] = body.to_multipart()

        headers["Content-Type"] = "multipart/form-data; boundary=+++"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Message | None:
    if response.status_code == 201:
        response_201 = Message.from_dict(response.json())

        return response_201

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Message]:
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
    body: MessagePostRequest | MessagePostRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Message]:
    """Send a message (text, a file, or both)

     GET: the thread's messages, oldest first (paged). POST: send one: text, a file
    (PDF, JPEG or PNG, the KYC upload's limits) or both. A collector's message outside
    08:00-19:00 IST is held until 08:00 (`held_until`).

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (MessagePostRequest | Unset):
        body (MessagePostRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Message]
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
    body: MessagePostRequest | MessagePostRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Message | None:
    """Send a message (text, a file, or both)

     GET: the thread's messages, oldest first (paged). POST: send one: text, a file
    (PDF, JPEG or PNG, the KYC upload's limits) or both. A collector's message outside
    08:00-19:00 IST is held until 08:00 (`held_until`).

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (MessagePostRequest | Unset):
        body (MessagePostRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Message
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
    body: MessagePostRequest | MessagePostRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Response[Message]:
    """Send a message (text, a file, or both)

     GET: the thread's messages, oldest first (paged). POST: send one: text, a file
    (PDF, JPEG or PNG, the KYC upload's limits) or both. A collector's message outside
    08:00-19:00 IST is held until 08:00 (`held_until`).

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (MessagePostRequest | Unset):
        body (MessagePostRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Message]
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
    body: MessagePostRequest | MessagePostRequest | Unset = UNSET,
    idempotency_key: str | Unset = UNSET,
) -> Message | None:
    """Send a message (text, a file, or both)

     GET: the thread's messages, oldest first (paged). POST: send one: text, a file
    (PDF, JPEG or PNG, the KYC upload's limits) or both. A collector's message outside
    08:00-19:00 IST is held until 08:00 (`held_until`).

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (MessagePostRequest | Unset):
        body (MessagePostRequest | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Message
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
