from typing import Literal

RescheduleKindEnum = Literal["moratorium", "restructure"]

RESCHEDULE_KIND_ENUM_VALUES: set[RescheduleKindEnum] = {
    "moratorium",
    "restructure",
}


def check_reschedule_kind_enum(value: str) -> RescheduleKindEnum:
    if value in RESCHEDULE_KIND_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {RESCHEDULE_KIND_ENUM_VALUES!r}")
