from typing import Literal

MeBankAccountsListStatus = Literal["failed", "pending", "verified"]

ME_BANK_ACCOUNTS_LIST_STATUS_VALUES: set[MeBankAccountsListStatus] = {
    "failed",
    "pending",
    "verified",
}


def check_me_bank_accounts_list_status(value: str) -> MeBankAccountsListStatus:
    if value in ME_BANK_ACCOUNTS_LIST_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ME_BANK_ACCOUNTS_LIST_STATUS_VALUES!r}"
    )
