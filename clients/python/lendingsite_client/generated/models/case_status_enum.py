from typing import Literal

CaseStatusEnum = Literal[
    "broken_promise", "closed", "in_progress", "open", "promise_to_pay", "resolved"
]

CASE_STATUS_ENUM_VALUES: set[CaseStatusEnum] = {
    "broken_promise",
    "closed",
    "in_progress",
    "open",
    "promise_to_pay",
    "resolved",
}


def check_case_status_enum(value: str) -> CaseStatusEnum:
    if value in CASE_STATUS_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CASE_STATUS_ENUM_VALUES!r}")
