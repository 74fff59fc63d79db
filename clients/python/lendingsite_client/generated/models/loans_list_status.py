from typing import Literal

LoansListStatus = Literal[
    "active", "cancelled", "closed", "foreclosed", "pending_disbursement", "settled", "written_off"
]

LOANS_LIST_STATUS_VALUES: set[LoansListStatus] = {
    "active",
    "cancelled",
    "closed",
    "foreclosed",
    "pending_disbursement",
    "settled",
    "written_off",
}


def check_loans_list_status(value: str) -> LoansListStatus:
    if value in LOANS_LIST_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LOANS_LIST_STATUS_VALUES!r}")
