from typing import Literal

ProposalsListKind = Literal["restructure", "settlement", "write_off"]

PROPOSALS_LIST_KIND_VALUES: set[ProposalsListKind] = {
    "restructure",
    "settlement",
    "write_off",
}


def check_proposals_list_kind(value: str) -> ProposalsListKind:
    if value in PROPOSALS_LIST_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PROPOSALS_LIST_KIND_VALUES!r}")
