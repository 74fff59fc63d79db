from typing import Literal

WaiverStatusEnum = Literal["approved", "proposed", "rejected"]

WAIVER_STATUS_ENUM_VALUES: set[WaiverStatusEnum] = {
    "approved",
    "proposed",
    "rejected",
}


def check_waiver_status_enum(value: str) -> WaiverStatusEnum:
    if value in WAIVER_STATUS_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {WAIVER_STATUS_ENUM_VALUES!r}")
