from typing import Literal

ReferralRewardsListReason = Literal[
    "burst",
    "circular",
    "cooling_off_exit",
    "ip_velocity",
    "same_bank_account",
    "same_device",
    "same_pan",
    "same_phone",
]

REFERRAL_REWARDS_LIST_REASON_VALUES: set[ReferralRewardsListReason] = {
    "burst",
    "circular",
    "cooling_off_exit",
    "ip_velocity",
    "same_bank_account",
    "same_device",
    "same_pan",
    "same_phone",
}


def check_referral_rewards_list_reason(value: str) -> ReferralRewardsListReason:
    if value in REFERRAL_REWARDS_LIST_REASON_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {REFERRAL_REWARDS_LIST_REASON_VALUES!r}"
    )
