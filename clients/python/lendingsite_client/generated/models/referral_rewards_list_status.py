from typing import Literal

ReferralRewardsListStatus = Literal["earned", "paid", "pending", "void"]

REFERRAL_REWARDS_LIST_STATUS_VALUES: set[ReferralRewardsListStatus] = {
    "earned",
    "paid",
    "pending",
    "void",
}


def check_referral_rewards_list_status(value: str) -> ReferralRewardsListStatus:
    if value in REFERRAL_REWARDS_LIST_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {REFERRAL_REWARDS_LIST_STATUS_VALUES!r}"
    )
