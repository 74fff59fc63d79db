from typing import Literal

RescheduleStatusEnum = Literal["applied", "awaiting_borrower", "lapsed"]

RESCHEDULE_STATUS_ENUM_VALUES: set[RescheduleStatusEnum] = {
    "applied",
    "awaiting_borrower",
    "lapsed",
}


def check_reschedule_status_enum(value: str) -> RescheduleStatusEnum:
    if value in RESCHEDULE_STATUS_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {RESCHEDULE_STATUS_ENUM_VALUES!r}"
    )
