from typing import Literal

HitStatusEnum = Literal["clear_proposed", "cleared", "confirm_proposed", "confirmed", "open"]

HIT_STATUS_ENUM_VALUES: set[HitStatusEnum] = {
    "clear_proposed",
    "cleared",
    "confirm_proposed",
    "confirmed",
    "open",
}


def check_hit_status_enum(value: str) -> HitStatusEnum:
    if value in HIT_STATUS_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {HIT_STATUS_ENUM_VALUES!r}")
