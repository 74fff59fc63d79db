from typing import Literal

StatementMatchKindEnum = Literal["loan_reference", "manual", "utr", "virtual_account"]

STATEMENT_MATCH_KIND_ENUM_VALUES: set[StatementMatchKindEnum] = {
    "loan_reference",
    "manual",
    "utr",
    "virtual_account",
}


def check_statement_match_kind_enum(value: str) -> StatementMatchKindEnum:
    if value in STATEMENT_MATCH_KIND_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {STATEMENT_MATCH_KIND_ENUM_VALUES!r}"
    )
