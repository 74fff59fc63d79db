from typing import Literal

QuoteInterestPeriodEnum = Literal["daily", "same_as_repayment"]

QUOTE_INTEREST_PERIOD_ENUM_VALUES: set[QuoteInterestPeriodEnum] = {
    "daily",
    "same_as_repayment",
}


def check_quote_interest_period_enum(value: str) -> QuoteInterestPeriodEnum:
    if value in QUOTE_INTEREST_PERIOD_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {QUOTE_INTEREST_PERIOD_ENUM_VALUES!r}"
    )
