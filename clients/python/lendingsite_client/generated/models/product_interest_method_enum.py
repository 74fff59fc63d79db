from typing import Literal

ProductInterestMethodEnum = Literal["declining", "flat"]

PRODUCT_INTEREST_METHOD_ENUM_VALUES: set[ProductInterestMethodEnum] = {
    "declining",
    "flat",
}


def check_product_interest_method_enum(value: str) -> ProductInterestMethodEnum:
    if value in PRODUCT_INTEREST_METHOD_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PRODUCT_INTEREST_METHOD_ENUM_VALUES!r}"
    )
