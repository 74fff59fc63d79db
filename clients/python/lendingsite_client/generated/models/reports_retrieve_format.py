from typing import Literal

ReportsRetrieveFormat = Literal["csv", "json", "xlsx"]

REPORTS_RETRIEVE_FORMAT_VALUES: set[ReportsRetrieveFormat] = {
    "csv",
    "json",
    "xlsx",
}


def check_reports_retrieve_format(value: str) -> ReportsRetrieveFormat:
    if value in REPORTS_RETRIEVE_FORMAT_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {REPORTS_RETRIEVE_FORMAT_VALUES!r}"
    )
