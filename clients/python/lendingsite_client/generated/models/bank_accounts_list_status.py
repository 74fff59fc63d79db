from typing import Literal

BankAccountsListStatus = Literal["failed", "pending", "verified"]

BANK_ACCOUNTS_LIST_STATUS_VALUES: set[BankAccountsListStatus] = {
    "failed",
    "pending",
    "verified",
}


def check_bank_accounts_list_status(value: str) -> BankAccountsListStatus:
    if value in BANK_ACCOUNTS_LIST_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {BANK_ACCOUNTS_LIST_STATUS_VALUES!r}"
    )
