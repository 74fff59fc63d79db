import datetime
from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.referral_rewards_report_retrieve_format import (
    ReferralRewardsReportRetrieveFormat,
)
from ...models.report import Report
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    format_: ReferralRewardsReportRetrieveFormat | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
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

    json_to: str | Unset = UNSET
    if not isinstance(to, Unset):
        json_to = to.isoformat()
    params["to"] = json_to

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/referral-rewards/report/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Report | None:
    if response.status_code == 200:
        response_200 = Report.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[Report]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    format_: ReferralRewardsReportRetrieveFormat | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
) -> Response[Report]:
    """Referrals, conversion to loans, rewards earned / paid / voided and flagged by reason,…

     Referrals, conversion to loans, rewards earned / paid / voided and flagged by
    reason, for sign-ups between `from` and `to` (staff).

    Args:
        format_ (ReferralRewardsReportRetrieveFormat | Unset):
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Report]
    """

    kwargs = _get_kwargs(
        format_=format_,
        from_=from_,
        to=to,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    format_: ReferralRewardsReportRetrieveFormat | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
) -> Report | None:
    """Referrals, conversion to loans, rewards earned / paid / voided and flagged by reason,…

     Referrals, conversion to loans, rewards earned / paid / voided and flagged by
    reason, for sign-ups between `from` and `to` (staff).

    Args:
        format_ (ReferralRewardsReportRetrieveFormat | Unset):
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Report
    """

    return sync_detailed(
        client=client,
        format_=format_,
        from_=from_,
        to=to,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    format_: ReferralRewardsReportRetrieveFormat | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
) -> Response[Report]:
    """Referrals, conversion to loans, rewards earned / paid / voided and flagged by reason,…

     Referrals, conversion to loans, rewards earned / paid / voided and flagged by
    reason, for sign-ups between `from` and `to` (staff).

    Args:
        format_ (ReferralRewardsReportRetrieveFormat | Unset):
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Report]
    """

    kwargs = _get_kwargs(
        format_=format_,
        from_=from_,
        to=to,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    format_: ReferralRewardsReportRetrieveFormat | Unset = UNSET,
    from_: datetime.date | Unset = UNSET,
    to: datetime.date | Unset = UNSET,
) -> Report | None:
    """Referrals, conversion to loans, rewards earned / paid / voided and flagged by reason,…

     Referrals, conversion to loans, rewards earned / paid / voided and flagged by
    reason, for sign-ups between `from` and `to` (staff).

    Args:
        format_ (ReferralRewardsReportRetrieveFormat | Unset):
        from_ (datetime.date | Unset):
        to (datetime.date | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Report
    """

    return (
        await asyncio_detailed(
            client=client,
            format_=format_,
            from_=from_,
            to=to,
        )
    ).parsed
