from typing import Literal

CollectionRunsListStatus = Literal["completed", "failed", "running"]

COLLECTION_RUNS_LIST_STATUS_VALUES: set[CollectionRunsListStatus] = {
    "completed",
    "failed",
    "running",
}


def check_collection_runs_list_status(value: str) -> CollectionRunsListStatus:
    if value in COLLECTION_RUNS_LIST_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {COLLECTION_RUNS_LIST_STATUS_VALUES!r}"
    )
