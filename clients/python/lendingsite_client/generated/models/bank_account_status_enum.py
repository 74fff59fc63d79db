from typing import Literal

BankAccountStatusEnum = Literal["failed", "pending", "verified"]

BANK_ACCOUNT_STATUS_ENUM_VALUES: set[BankAccountStatusEnum] = {
    "failed",
    "pending",
    "verified",
}


def check_bank_account_status_enum(value: str) -> BankAccountStatusEnum:
    if value in BANK_ACCOUNT_STATUS_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {BANK_ACCOUNT_STATUS_ENUM_VALUES!r}"
    )
