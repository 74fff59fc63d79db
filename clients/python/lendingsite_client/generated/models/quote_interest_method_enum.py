from typing import Literal

QuoteInterestMethodEnum = Literal["declining", "flat"]

QUOTE_INTEREST_METHOD_ENUM_VALUES: set[QuoteInterestMethodEnum] = {
    "declining",
    "flat",
}


def check_quote_interest_method_enum(value: str) -> QuoteInterestMethodEnum:
    if value in QUOTE_INTEREST_METHOD_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {QUOTE_INTEREST_METHOD_ENUM_VALUES!r}"
    )
