from typing import Literal

PaymentChannelEnum = Literal["cash", "cheque", "gateway", "imps", "nach", "neft", "upi"]

PAYMENT_CHANNEL_ENUM_VALUES: set[PaymentChannelEnum] = {
    "cash",
    "cheque",
    "gateway",
    "imps",
    "nach",
    "neft",
    "upi",
}


def check_payment_channel_enum(value: str) -> PaymentChannelEnum:
    if value in PAYMENT_CHANNEL_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PAYMENT_CHANNEL_ENUM_VALUES!r}")
