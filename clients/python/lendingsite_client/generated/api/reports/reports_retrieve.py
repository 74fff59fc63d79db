import datetime
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.reports_retrieve_format import ReportsRetrieveFormat
from ...models.reports_retrieve_name import ReportsRetrieveName
from ...models.reports_retrieve_response_200 import ReportsRetrieveResponse200
from ...types import UNSET, Response, Unset


def _get_kwargs(
    name: ReportsRetrieveName,
    *,
    format_: ReportsRetrieveFormat | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
    product: int | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_: str | Unset = UNSET
    if not isinstance(format_, Unset):
        json_format_ = format_

    params["format"] = json_format_

    json_from_: str | Unset = UNSET
    if not isinstance(from_, Unset):
        json_from_ = from_.isoformat()
    params["from"] = json_from_

    params["product"] = product

    json_to: str | Unset = UNSET
    if not isinstance(to, Unset):
        json_to = to.isoformat()
    params["to"] = json_to

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/reports/{name}/".format(
            name=quote(str(name), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ReportsRetrieveResponse200 | None:
    if response.status_code == 200:
        response_200 = ReportsRetrieveResponse200.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[ReportsRetrieveResponse200]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: ReportsRetrieveName,
    *,
    client: AuthenticatedClient,
    format_: ReportsRetrieveFormat | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
    product: int | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
) -> Response[ReportsRetrieveResponse200]:
    """One report's rows: JSON `{report, columns, rows}` or a CSV / XLSX attachment

     One report's rows: JSON `{report, columns, rows}` or a CSV / XLSX attachment.

    Args:
        name (ReportsRetrieveName):
        format_ (ReportsRetrieveFormat | Unset):
        from_ (datetime.date | Unset):
        product (int | Unset):
        to (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ReportsRetrieveResponse200]
    """

    kwargs = _get_kwargs(
        name=name,
        format_=format_,
        from_=from_,
        product=product,
        to=to,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: ReportsRetrieveName,
    *,
    client: AuthenticatedClient,
    format_: ReportsRetrieveFormat | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
    product: int | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
) -> ReportsRetrieveResponse200 | None:
    """One report's rows: JSON `{report, columns, rows}` or a CSV / XLSX attachment

     One report's rows: JSON `{report, columns, rows}` or a CSV / XLSX attachment.

    Args:
        name (ReportsRetrieveName):
        format_ (ReportsRetrieveFormat | Unset):
        from_ (datetime.date | Unset):
        product (int | Unset):
        to (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ReportsRetrieveResponse200
    """

    return sync_detailed(
        name=name,
        client=client,
        format_=format_,
        from_=from_,
        product=product,
        to=to,
    ).parsed


async def asyncio_detailed(
    name: ReportsRetrieveName,
    *,
    client: AuthenticatedClient,
    format_: ReportsRetrieveFormat | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
    product: int | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
) -> Response[ReportsRetrieveResponse200]:
    """One report's rows: JSON `{report, columns, rows}` or a CSV / XLSX attachment

     One report's rows: JSON `{report, columns, rows}` or a CSV / XLSX attachment.

    Args:
        name (ReportsRetrieveName):
        format_ (ReportsRetrieveFormat | Unset):
        from_ (datetime.date | Unset):
        product (int | Unset):
        to (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ReportsRetrieveResponse200]
    """

    kwargs = _get_kwargs(
        name=name,
        format_=format_,
        from_=from_,
        product=product,
        to=to,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: ReportsRetrieveName,
    *,
    client: AuthenticatedClient,
    format_: ReportsRetrieveFormat | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
    product: int | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
) -> ReportsRetrieveResponse200 | None:
    """One report's rows: JSON `{report, columns, rows}` or a CSV / XLSX attachment

     One report's rows: JSON `{report, columns, rows}` or a CSV / XLSX attachment.

    Args:
        name (ReportsRetrieveName):
        format_ (ReportsRetrieveFormat | Unset):
        from_ (datetime.date | Unset):
        product (int | Unset):
        to (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ReportsRetrieveResponse200
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
            format_=format_,
            from_=from_,
            product=product,
            to=to,
        )
    ).parsed
