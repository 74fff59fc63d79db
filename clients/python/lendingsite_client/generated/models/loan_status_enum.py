from typing import Literal

LoanStatusEnum = Literal[
    "active", "cancelled", "closed", "foreclosed", "pending_disbursement", "settled", "written_off"
]

LOAN_STATUS_ENUM_VALUES: set[LoanStatusEnum] = {
    "active",
    "cancelled",
    "closed",
    "foreclosed",
    "pending_disbursement",
    "settled",
    "written_off",
}


def check_loan_status_enum(value: str) -> LoanStatusEnum:
    if value in LOAN_STATUS_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {LOAN_STATUS_ENUM_VALUES!r}")
