from typing import Literal

ProposalsListStatus = Literal["approved", "proposed", "rejected"]

PROPOSALS_LIST_STATUS_VALUES: set[ProposalsListStatus] = {
    "approved",
    "proposed",
    "rejected",
}


def check_proposals_list_status(value: str) -> ProposalsListStatus:
    if value in PROPOSALS_LIST_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PROPOSALS_LIST_STATUS_VALUES!r}")
