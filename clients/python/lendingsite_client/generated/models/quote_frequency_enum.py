from typing import Literal

QuoteFrequencyEnum = Literal["fortnightly", "monthly", "weekly"]

QUOTE_FREQUENCY_ENUM_VALUES: set[QuoteFrequencyEnum] = {
    "fortnightly",
    "monthly",
    "weekly",
}


def check_quote_frequency_enum(value: str) -> QuoteFrequencyEnum:
    if value in QUOTE_FREQUENCY_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {QUOTE_FREQUENCY_ENUM_VALUES!r}")
