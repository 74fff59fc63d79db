from typing import Literal

WriteOffKindEnum = Literal["full", "technical"]

WRITE_OFF_KIND_ENUM_VALUES: set[WriteOffKindEnum] = {
    "full",
    "technical",
}


def check_write_off_kind_enum(value: str) -> WriteOffKindEnum:
    if value in WRITE_OFF_KIND_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {WRITE_OFF_KIND_ENUM_VALUES!r}")
