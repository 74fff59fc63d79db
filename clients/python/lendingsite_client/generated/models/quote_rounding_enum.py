from typing import Literal

QuoteRoundingEnum = Literal["half_even", "half_up", "up"]

QUOTE_ROUNDING_ENUM_VALUES: set[QuoteRoundingEnum] = {
    "half_even",
    "half_up",
    "up",
}


def check_quote_rounding_enum(value: str) -> QuoteRoundingEnum:
    if value in QUOTE_ROUNDING_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {QUOTE_ROUNDING_ENUM_VALUES!r}")
