from typing import Literal

ProductFrequencyEnum = Literal["fortnightly", "monthly", "weekly"]

PRODUCT_FREQUENCY_ENUM_VALUES: set[ProductFrequencyEnum] = {
    "fortnightly",
    "monthly",
    "weekly",
}


def check_product_frequency_enum(value: str) -> ProductFrequencyEnum:
    if value in PRODUCT_FREQUENCY_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PRODUCT_FREQUENCY_ENUM_VALUES!r}"
    )
