from typing import Literal

ReferralRewardsListReviewState = Literal["approved", "flagged"]

REFERRAL_REWARDS_LIST_REVIEW_STATE_VALUES: set[ReferralRewardsListReviewState] = {
    "approved",
    "flagged",
}


def check_referral_rewards_list_review_state(value: str) -> ReferralRewardsListReviewState:
    if value in REFERRAL_REWARDS_LIST_REVIEW_STATE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {REFERRAL_REWARDS_LIST_REVIEW_STATE_VALUES!r}"
    )
