from typing import Literal

ProductAmortizationEnum = Literal["equal_installments", "equal_principal"]

PRODUCT_AMORTIZATION_ENUM_VALUES: set[ProductAmortizationEnum] = {
    "equal_installments",
    "equal_principal",
}


def check_product_amortization_enum(value: str) -> ProductAmortizationEnum:
    if value in PRODUCT_AMORTIZATION_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PRODUCT_AMORTIZATION_ENUM_VALUES!r}"
    )
