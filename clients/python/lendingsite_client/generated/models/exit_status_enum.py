from typing import Literal

ExitStatusEnum = Literal["completed", "lapsed", "open"]

EXIT_STATUS_ENUM_VALUES: set[ExitStatusEnum] = {
    "completed",
    "lapsed",
    "open",
}


def check_exit_status_enum(value: str) -> ExitStatusEnum:
    if value in EXIT_STATUS_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {EXIT_STATUS_ENUM_VALUES!r}")
