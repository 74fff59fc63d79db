from typing import Literal

ProductInterestPeriodEnum = Literal["daily", "same_as_repayment"]

PRODUCT_INTEREST_PERIOD_ENUM_VALUES: set[ProductInterestPeriodEnum] = {
    "daily",
    "same_as_repayment",
}


def check_product_interest_period_enum(value: str) -> ProductInterestPeriodEnum:
    if value in PRODUCT_INTEREST_PERIOD_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PRODUCT_INTEREST_PERIOD_ENUM_VALUES!r}"
    )
