from typing import Literal

ProductsListInterestMethod = Literal["declining", "flat"]

PRODUCTS_LIST_INTEREST_METHOD_VALUES: set[ProductsListInterestMethod] = {
    "declining",
    "flat",
}


def check_products_list_interest_method(value: str) -> ProductsListInterestMethod:
    if value in PRODUCTS_LIST_INTEREST_METHOD_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PRODUCTS_LIST_INTEREST_METHOD_VALUES!r}"
    )
