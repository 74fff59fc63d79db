from typing import Literal

PauseCodeEnum = Literal["dispute", "moratorium", "officer", "restructure"]

PAUSE_CODE_ENUM_VALUES: set[PauseCodeEnum] = {
    "dispute",
    "moratorium",
    "officer",
    "restructure",
}


def check_pause_code_enum(value: str) -> PauseCodeEnum:
    if value in PAUSE_CODE_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PAUSE_CODE_ENUM_VALUES!r}")
