from typing import Literal

MandateStatusEnum = Literal["active", "cancelled", "initiated", "paused", "rejected"]

MANDATE_STATUS_ENUM_VALUES: set[MandateStatusEnum] = {
    "active",
    "cancelled",
    "initiated",
    "paused",
    "rejected",
}


def check_mandate_status_enum(value: str) -> MandateStatusEnum:
    if value in MANDATE_STATUS_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {MANDATE_STATUS_ENUM_VALUES!r}")
