from typing import Literal

PaymentStatusEnum = Literal["posted", "reversed"]

PAYMENT_STATUS_ENUM_VALUES: set[PaymentStatusEnum] = {
    "posted",
    "reversed",
}


def check_payment_status_enum(value: str) -> PaymentStatusEnum:
    if value in PAYMENT_STATUS_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PAYMENT_STATUS_ENUM_VALUES!r}")
