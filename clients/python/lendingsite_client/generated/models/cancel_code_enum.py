from typing import Literal

CancelCodeEnum = Literal["account_closed", "borrower_request", "loan_closed", "officer"]

CANCEL_CODE_ENUM_VALUES: set[CancelCodeEnum] = {
    "account_closed",
    "borrower_request",
    "loan_closed",
    "officer",
}


def check_cancel_code_enum(value: str) -> CancelCodeEnum:
    if value in CANCEL_CODE_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CANCEL_CODE_ENUM_VALUES!r}")
