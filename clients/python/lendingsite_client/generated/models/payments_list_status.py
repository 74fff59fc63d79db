from typing import Literal

PaymentsListStatus = Literal["posted", "reversed"]

PAYMENTS_LIST_STATUS_VALUES: set[PaymentsListStatus] = {
    "posted",
    "reversed",
}


def check_payments_list_status(value: str) -> PaymentsListStatus:
    if value in PAYMENTS_LIST_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PAYMENTS_LIST_STATUS_VALUES!r}")
