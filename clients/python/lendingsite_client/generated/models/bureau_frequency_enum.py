from typing import Literal

BureauFrequencyEnum = Literal["fortnightly", "monthly", "weekly"]

BUREAU_FREQUENCY_ENUM_VALUES: set[BureauFrequencyEnum] = {
    "fortnightly",
    "monthly",
    "weekly",
}


def check_bureau_frequency_enum(value: str) -> BureauFrequencyEnum:
    if value in BUREAU_FREQUENCY_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {BUREAU_FREQUENCY_ENUM_VALUES!r}")
