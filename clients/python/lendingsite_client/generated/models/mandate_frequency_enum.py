from typing import Literal

MandateFrequencyEnum = Literal["ADHO", "MNTH"]

MANDATE_FREQUENCY_ENUM_VALUES: set[MandateFrequencyEnum] = {
    "ADHO",
    "MNTH",
}


def check_mandate_frequency_enum(value: str) -> MandateFrequencyEnum:
    if value in MANDATE_FREQUENCY_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {MANDATE_FREQUENCY_ENUM_VALUES!r}"
    )
