from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.assign_request import AssignRequest
from ...models.statement_line import StatementLine
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    body: AssignRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/statement-lines/{id}/assign/".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> StatementLine | None:
    if response.status_code == 200:
        response_200 = StatementLine.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[StatementLine]:
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
    body: AssignRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[StatementLine]:
    """Propose the loan a queued credit belongs to (finance)

     Propose the loan a queued credit belongs to (finance). Posted only once someone
    else approves it.

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (AssignRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[StatementLine]
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
    body: AssignRequest,
    idempotency_key: str | Unset = UNSET,
) -> StatementLine | None:
    """Propose the loan a queued credit belongs to (finance)

     Propose the loan a queued credit belongs to (finance). Posted only once someone
    else approves it.

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (AssignRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        StatementLine
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
    body: AssignRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[StatementLine]:
    """Propose the loan a queued credit belongs to (finance)

     Propose the loan a queued credit belongs to (finance). Posted only once someone
    else approves it.

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (AssignRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[StatementLine]
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
    body: AssignRequest,
    idempotency_key: str | Unset = UNSET,
) -> StatementLine | None:
    """Propose the loan a queued credit belongs to (finance)

     Propose the loan a queued credit belongs to (finance). Posted only once someone
    else approves it.

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (AssignRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        StatementLine
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
