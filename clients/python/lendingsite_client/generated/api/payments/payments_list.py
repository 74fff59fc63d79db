import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.paginated_payment_list import PaginatedPaymentList
from ...models.payments_list_channel import PaymentsListChannel
from ...models.payments_list_source import PaymentsListSource
from ...models.payments_list_status import PaymentsListStatus
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    channel: PaymentsListChannel | Unset = UNSET,
    loan: float | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    paid_on: datetime.date | Unset = UNSET,
    paid_on_from: datetime.date | Unset = UNSET,
    paid_on_to: datetime.date | Unset = UNSET,
    source: PaymentsListSource | Unset = UNSET,
    status: PaymentsListStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_channel: str | Unset = UNSET
    if not isinstance(channel, Unset):
        json_channel = channel

    params["channel"] = json_channel

    params["loan"] = loan

    params["page"] = page

    params["page_size"] = page_size

    json_paid_on: str | Unset = UNSET
    if not isinstance(paid_on, Unset):
        json_paid_on = paid_on.isoformat()
    params["paid_on"] = json_paid_on

    json_paid_on_from: str | Unset = UNSET
    if not isinstance(paid_on_from, Unset):
        json_paid_on_from = paid_on_from.isoformat()
    params["paid_on_from"] = json_paid_on_from

    json_paid_on_to: str | Unset = UNSET
    if not isinstance(paid_on_to, Unset):
        json_paid_on_to = paid_on_to.isoformat()
    params["paid_on_to"] = json_paid_on_to

    json_source: str | Unset = UNSET
    if not isinstance(source, Unset):
        json_source = source

    params["source"] = json_source

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/payments/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PaginatedPaymentList | None:
    if response.status_code == 200:
        response_200 = PaginatedPaymentList.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PaginatedPaymentList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    channel: PaymentsListChannel | Unset = UNSET,
    loan: float | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    paid_on: datetime.date | Unset = UNSET,
    paid_on_from: datetime.date | Unset = UNSET,
    paid_on_to: datetime.date | Unset = UNSET,
    source: PaymentsListSource | Unset = UNSET,
    status: PaymentsListStatus | Unset = UNSET,
) -> Response[PaginatedPaymentList]:
    """List payments

    Args:
        channel (PaymentsListChannel | Unset):
        loan (float | Unset):
        page (int | Unset):
        page_size (int | Unset):
        paid_on (datetime.date | Unset):
        paid_on_from (datetime.date | Unset):
        paid_on_to (datetime.date | Unset):
        source (PaymentsListSource | Unset):
        status (PaymentsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedPaymentList]
    """

    kwargs = _get_kwargs(
        channel=channel,
        loan=loan,
        page=page,
        page_size=page_size,
        paid_on=paid_on,
        paid_on_from=paid_on_from,
        paid_on_to=paid_on_to,
        source=source,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    channel: PaymentsListChannel | Unset = UNSET,
    loan: float | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    paid_on: datetime.date | Unset = UNSET,
    paid_on_from: datetime.date | Unset = UNSET,
    paid_on_to: datetime.date | Unset = UNSET,
    source: PaymentsListSource | Unset = UNSET,
    status: PaymentsListStatus | Unset = UNSET,
) -> PaginatedPaymentList | None:
    """List payments

    Args:
        channel (PaymentsListChannel | Unset):
        loan (float | Unset):
        page (int | Unset):
        page_size (int | Unset):
        paid_on (datetime.date | Unset):
        paid_on_from (datetime.date | Unset):
        paid_on_to (datetime.date | Unset):
        source (PaymentsListSource | Unset):
        status (PaymentsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedPaymentList
    """

    return sync_detailed(
        client=client,
        channel=channel,
        loan=loan,
        page=page,
        page_size=page_size,
        paid_on=paid_on,
        paid_on_from=paid_on_from,
        paid_on_to=paid_on_to,
        source=source,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    channel: PaymentsListChannel | Unset = UNSET,
    loan: float | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    paid_on: datetime.date | Unset = UNSET,
    paid_on_from: datetime.date | Unset = UNSET,
    paid_on_to: datetime.date | Unset = UNSET,
    source: PaymentsListSource | Unset = UNSET,
    status: PaymentsListStatus | Unset = UNSET,
) -> Response[PaginatedPaymentList]:
    """List payments

    Args:
        channel (PaymentsListChannel | Unset):
        loan (float | Unset):
        page (int | Unset):
        page_size (int | Unset):
        paid_on (datetime.date | Unset):
        paid_on_from (datetime.date | Unset):
        paid_on_to (datetime.date | Unset):
        source (PaymentsListSource | Unset):
        status (PaymentsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedPaymentList]
    """

    kwargs = _get_kwargs(
        channel=channel,
        loan=loan,
        page=page,
        page_size=page_size,
        paid_on=paid_on,
        paid_on_from=paid_on_from,
        paid_on_to=paid_on_to,
        source=source,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    channel: PaymentsListChannel | Unset = UNSET,
    loan: float | Unset = UNSET,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    paid_on: datetime.date | Unset = UNSET,
    paid_on_from: datetime.date | Unset = UNSET,
    paid_on_to: datetime.date | Unset = UNSET,
    source: PaymentsListSource | Unset = UNSET,
    status: PaymentsListStatus | Unset = UNSET,
) -> PaginatedPaymentList | None:
    """List payments

    Args:
        channel (PaymentsListChannel | Unset):
        loan (float | Unset):
        page (int | Unset):
        page_size (int | Unset):
        paid_on (datetime.date | Unset):
        paid_on_from (datetime.date | Unset):
        paid_on_to (datetime.date | Unset):
        source (PaymentsListSource | Unset):
        status (PaymentsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedPaymentList
    """

    return (
        await asyncio_detailed(
            client=client,
            channel=channel,
            loan=loan,
            page=page,
            page_size=page_size,
            paid_on=paid_on,
            paid_on_from=paid_on_from,
            paid_on_to=paid_on_to,
            source=source,
            status=status,
        )
    ).parsed
