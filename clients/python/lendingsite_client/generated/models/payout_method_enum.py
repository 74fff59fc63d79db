from typing import Literal

PayoutMethodEnum = Literal["bank_payout", "loan_credit"]

PAYOUT_METHOD_ENUM_VALUES: set[PayoutMethodEnum] = {
    "bank_payout",
    "loan_credit",
}


def check_payout_method_enum(value: str) -> PayoutMethodEnum:
    if value in PAYOUT_METHOD_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PAYOUT_METHOD_ENUM_VALUES!r}")
