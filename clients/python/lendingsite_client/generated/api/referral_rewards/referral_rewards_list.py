from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.paginated_reward_list import PaginatedRewardList
from ...models.referral_rewards_list_reason import (
    ReferralRewardsListReason,
)
from ...models.referral_rewards_list_review_state import (
    ReferralRewardsListReviewState,
)
from ...models.referral_rewards_list_status import (
    ReferralRewardsListStatus,
)
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    reason: ReferralRewardsListReason | Unset = UNSET,
    review_state: ReferralRewardsListReviewState | Unset = UNSET,
    status: ReferralRewardsListStatus | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["page"] = page

    params["page_size"] = page_size

    json_reason: str | Unset = UNSET
    if not isinstance(reason, Unset):
        json_reason = reason

    params["reason"] = json_reason

    json_review_state: str | Unset = UNSET
    if not isinstance(review_state, Unset):
        json_review_state = review_state

    params["review_state"] = json_review_state

    json_status: str | Unset = UNSET
    if not isinstance(status, Unset):
        json_status = status

    params["status"] = json_status

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/api/v1/referral-rewards/",
        "params": params,
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PaginatedRewardList | None:
    if response.status_code == 200:
        response_200 = PaginatedRewardList.from_dict(response.json())

        return response_200

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[PaginatedRewardList]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    reason: ReferralRewardsListReason | Unset = UNSET,
    review_state: ReferralRewardsListReviewState | Unset = UNSET,
    status: ReferralRewardsListStatus | Unset = UNSET,
) -> Response[PaginatedRewardList]:
    """List referral rewards

    Args:
        page (int | Unset):
        page_size (int | Unset):
        reason (ReferralRewardsListReason | Unset):
        review_state (ReferralRewardsListReviewState | Unset):
        status (ReferralRewardsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedRewardList]
    """

    kwargs = _get_kwargs(
        page=page,
        page_size=page_size,
        reason=reason,
        review_state=review_state,
        status=status,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    reason: ReferralRewardsListReason | Unset = UNSET,
    review_state: ReferralRewardsListReviewState | Unset = UNSET,
    status: ReferralRewardsListStatus | Unset = UNSET,
) -> PaginatedRewardList | None:
    """List referral rewards

    Args:
        page (int | Unset):
        page_size (int | Unset):
        reason (ReferralRewardsListReason | Unset):
        review_state (ReferralRewardsListReviewState | Unset):
        status (ReferralRewardsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedRewardList
    """

    return sync_detailed(
        client=client,
        page=page,
        page_size=page_size,
        reason=reason,
        review_state=review_state,
        status=status,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    reason: ReferralRewardsListReason | Unset = UNSET,
    review_state: ReferralRewardsListReviewState | Unset = UNSET,
    status: ReferralRewardsListStatus | Unset = UNSET,
) -> Response[PaginatedRewardList]:
    """List referral rewards

    Args:
        page (int | Unset):
        page_size (int | Unset):
        reason (ReferralRewardsListReason | Unset):
        review_state (ReferralRewardsListReviewState | Unset):
        status (ReferralRewardsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PaginatedRewardList]
    """

    kwargs = _get_kwargs(
        page=page,
        page_size=page_size,
        reason=reason,
        review_state=review_state,
        status=status,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    page: int | Unset = UNSET,
    page_size: int | Unset = UNSET,
    reason: ReferralRewardsListReason | Unset = UNSET,
    review_state: ReferralRewardsListReviewState | Unset = UNSET,
    status: ReferralRewardsListStatus | Unset = UNSET,
) -> PaginatedRewardList | None:
    """List referral rewards

    Args:
        page (int | Unset):
        page_size (int | Unset):
        reason (ReferralRewardsListReason | Unset):
        review_state (ReferralRewardsListReviewState | Unset):
        status (ReferralRewardsListStatus | Unset):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PaginatedRewardList
    """

    return (
        await asyncio_detailed(
            client=client,
            page=page,
            page_size=page_size,
            reason=reason,
            review_state=review_state,
            status=status,
        )
    ).parsed
