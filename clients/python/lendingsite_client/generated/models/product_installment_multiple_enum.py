from typing import Literal

ProductInstallmentMultipleEnum = Literal["0.01", "1.00"]

PRODUCT_INSTALLMENT_MULTIPLE_ENUM_VALUES: set[ProductInstallmentMultipleEnum] = {
    "0.01",
    "1.00",
}


def check_product_installment_multiple_enum(value: str) -> ProductInstallmentMultipleEnum:
    if value in PRODUCT_INSTALLMENT_MULTIPLE_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PRODUCT_INSTALLMENT_MULTIPLE_ENUM_VALUES!r}"
    )
