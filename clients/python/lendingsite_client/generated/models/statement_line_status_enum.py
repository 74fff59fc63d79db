from typing import Literal

StatementLineStatusEnum = Literal[
    "debit", "duplicate", "matched", "posted", "proposed", "queued", "refund"
]

STATEMENT_LINE_STATUS_ENUM_VALUES: set[StatementLineStatusEnum] = {
    "debit",
    "duplicate",
    "matched",
    "posted",
    "proposed",
    "queued",
    "refund",
}


def check_statement_line_status_enum(value: str) -> StatementLineStatusEnum:
    if value in STATEMENT_LINE_STATUS_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {STATEMENT_LINE_STATUS_ENUM_VALUES!r}"
    )
