from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.replay_count import ReplayCount
from ...models.replay_range_request import ReplayRangeRequest
from ...types import UNSET, Response, Unset


def _get_kwargs(
    id: int,
    *,
    body: ReplayRangeRequest,
    idempotency_key: str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/api/v1/webhook-endpoints/{id}/replay/".format(
            id=quote(str(id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ReplayCount | None:
    if response.status_code == 202:
        response_202 = ReplayCount.from_dict(response.json())

        return response_202

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ReplayCount]:
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
    body: ReplayRangeRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ReplayCount]:
    """Deliver again the events of [since, until) to this endpoint: by default only those not…

     Deliver again the events of [since, until) to this endpoint: by default only
    those not yet delivered successfully (at most 1000 per call).

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (ReplayRangeRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ReplayCount]
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
    body: ReplayRangeRequest,
    idempotency_key: str | Unset = UNSET,
) -> ReplayCount | None:
    """Deliver again the events of [since, until) to this endpoint: by default only those not…

     Deliver again the events of [since, until) to this endpoint: by default only
    those not yet delivered successfully (at most 1000 per call).

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (ReplayRangeRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ReplayCount
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
    body: ReplayRangeRequest,
    idempotency_key: str | Unset = UNSET,
) -> Response[ReplayCount]:
    """Deliver again the events of [since, until) to this endpoint: by default only those not…

     Deliver again the events of [since, until) to this endpoint: by default only
    those not yet delivered successfully (at most 1000 per call).

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (ReplayRangeRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ReplayCount]
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
    body: ReplayRangeRequest,
    idempotency_key: str | Unset = UNSET,
) -> ReplayCount | None:
    """Deliver again the events of [since, until) to this endpoint: by default only those not…

     Deliver again the events of [since, until) to this endpoint: by default only
    those not yet delivered successfully (at most 1000 per call).

    Args:
        id (int):
        idempotency_key (str | Unset):
        body (ReplayRangeRequest):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ReplayCount
    """

    return (
        await asyncio_detailed(
            id=id,
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
