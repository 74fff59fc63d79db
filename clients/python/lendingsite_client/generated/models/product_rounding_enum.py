from typing import Literal

ProductRoundingEnum = Literal["half_even", "half_up", "up"]

PRODUCT_ROUNDING_ENUM_VALUES: set[ProductRoundingEnum] = {
    "half_even",
    "half_up",
    "up",
}


def check_product_rounding_enum(value: str) -> ProductRoundingEnum:
    if value in PRODUCT_ROUNDING_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PRODUCT_ROUNDING_ENUM_VALUES!r}")
