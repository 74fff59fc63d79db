from typing import Literal

ApplicationsListStatus = Literal[
    "accepted", "approved", "draft", "expired", "rejected", "submitted", "under_review", "withdrawn"
]

APPLICATIONS_LIST_STATUS_VALUES: set[ApplicationsListStatus] = {
    "accepted",
    "approved",
    "draft",
    "expired",
    "rejected",
    "submitted",
    "under_review",
    "withdrawn",
}


def check_applications_list_status(value: str) -> ApplicationsListStatus:
    if value in APPLICATIONS_LIST_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {APPLICATIONS_LIST_STATUS_VALUES!r}"
    )
