from typing import Literal

PaymentsListSource = Literal["admin", "api", "page", "system", "webhook"]

PAYMENTS_LIST_SOURCE_VALUES: set[PaymentsListSource] = {
    "admin",
    "api",
    "page",
    "system",
    "webhook",
}


def check_payments_list_source(value: str) -> PaymentsListSource:
    if value in PAYMENTS_LIST_SOURCE_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PAYMENTS_LIST_SOURCE_VALUES!r}")
