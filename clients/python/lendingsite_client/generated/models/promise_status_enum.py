from typing import Literal

PromiseStatusEnum = Literal["broken", "kept", "pending"]

PROMISE_STATUS_ENUM_VALUES: set[PromiseStatusEnum] = {
    "broken",
    "kept",
    "pending",
}


def check_promise_status_enum(value: str) -> PromiseStatusEnum:
    if value in PROMISE_STATUS_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PROMISE_STATUS_ENUM_VALUES!r}")
