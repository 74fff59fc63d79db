from typing import Literal

ReportsRetrieveName = Literal[
    "ageing",
    "audit-extract",
    "charges",
    "collector-efficiency",
    "demand-collection",
    "disbursement-register",
    "npa-movement",
    "payment-register",
    "servicing-register",
]

REPORTS_RETRIEVE_NAME_VALUES: set[ReportsRetrieveName] = {
    "ageing",
    "audit-extract",
    "charges",
    "collector-efficiency",
    "demand-collection",
    "disbursement-register",
    "npa-movement",
    "payment-register",
    "servicing-register",
}


def check_reports_retrieve_name(value: str) -> ReportsRetrieveName:
    if value in REPORTS_RETRIEVE_NAME_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {REPORTS_RETRIEVE_NAME_VALUES!r}")
