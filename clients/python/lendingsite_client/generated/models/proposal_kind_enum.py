from typing import Literal

ProposalKindEnum = Literal["restructure", "settlement", "write_off"]

PROPOSAL_KIND_ENUM_VALUES: set[ProposalKindEnum] = {
    "restructure",
    "settlement",
    "write_off",
}


def check_proposal_kind_enum(value: str) -> ProposalKindEnum:
    if value in PROPOSAL_KIND_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PROPOSAL_KIND_ENUM_VALUES!r}")
