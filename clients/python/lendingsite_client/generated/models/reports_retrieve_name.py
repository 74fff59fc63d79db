from typing import Literal

ReportsRetrieveName = Literal[
    "ageing",
    "asset-classification",
    "audit-extract",
    "charges",
    "collector-efficiency",
    "demand-collection",
    "disbursement-register",
    "income-recognition",
    "npa-movement",
    "payment-register",
    "servicing-register",
    "trial-balance",
]

REPORTS_RETRIEVE_NAME_VALUES: set[ReportsRetrieveName] = {
    "ageing",
    "asset-classification",
    "audit-extract",
    "charges",
    "collector-efficiency",
    "demand-collection",
    "disbursement-register",
    "income-recognition",
    "npa-movement",
    "payment-register",
    "servicing-register",
    "trial-balance",
}


def check_reports_retrieve_name(value: str) -> ReportsRetrieveName:
    if value in REPORTS_RETRIEVE_NAME_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {REPORTS_RETRIEVE_NAME_VALUES!r}")
