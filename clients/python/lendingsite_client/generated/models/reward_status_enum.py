from typing import Literal

RewardStatusEnum = Literal["earned", "paid", "pending", "void"]

REWARD_STATUS_ENUM_VALUES: set[RewardStatusEnum] = {
    "earned",
    "paid",
    "pending",
    "void",
}


def check_reward_status_enum(value: str) -> RewardStatusEnum:
    if value in REWARD_STATUS_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {REWARD_STATUS_ENUM_VALUES!r}")
