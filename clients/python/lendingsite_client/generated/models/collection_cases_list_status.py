from typing import Literal

CollectionCasesListStatus = Literal[
    "broken_promise", "closed", "in_progress", "open", "promise_to_pay", "resolved"
]

COLLECTION_CASES_LIST_STATUS_VALUES: set[CollectionCasesListStatus] = {
    "broken_promise",
    "closed",
    "in_progress",
    "open",
    "promise_to_pay",
    "resolved",
}


def check_collection_cases_list_status(value: str) -> CollectionCasesListStatus:
    if value in COLLECTION_CASES_LIST_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {COLLECTION_CASES_LIST_STATUS_VALUES!r}"
    )
