from typing import Literal

StatementLinesListStatus = Literal[
    "debit", "duplicate", "matched", "posted", "proposed", "queued", "refund"
]

STATEMENT_LINES_LIST_STATUS_VALUES: set[StatementLinesListStatus] = {
    "debit",
    "duplicate",
    "matched",
    "posted",
    "proposed",
    "queued",
    "refund",
}


def check_statement_lines_list_status(value: str) -> StatementLinesListStatus:
    if value in STATEMENT_LINES_LIST_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {STATEMENT_LINES_LIST_STATUS_VALUES!r}"
    )
