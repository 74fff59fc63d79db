from typing import Literal

LoansStatementFormat = Literal["csv", "pdf"]

LOANS_STATEMENT_FORMAT_VALUES: set[LoansStatementFormat] = {
    "csv",
    "pdf",
}


def check_loans_statement_format(value: str) -> LoansStatementFormat:
    if value in LOANS_STATEMENT_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {LOANS_STATEMENT_FORMAT_VALUES!r}"
    )
