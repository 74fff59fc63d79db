from typing import Literal

PaymentsListChannel = Literal["cash", "cheque", "gateway", "imps", "nach", "neft", "upi"]

PAYMENTS_LIST_CHANNEL_VALUES: set[PaymentsListChannel] = {
    "cash",
    "cheque",
    "gateway",
    "imps",
    "nach",
    "neft",
    "upi",
}


def check_payments_list_channel(value: str) -> PaymentsListChannel:
    if value in PAYMENTS_LIST_CHANNEL_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PAYMENTS_LIST_CHANNEL_VALUES!r}")
