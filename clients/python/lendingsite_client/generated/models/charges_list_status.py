from typing import Literal

ChargesListStatus = Literal["in_force", "reversed", "waived"]

CHARGES_LIST_STATUS_VALUES: set[ChargesListStatus] = {
    "in_force",
    "reversed",
    "waived",
}


def check_charges_list_status(value: str) -> ChargesListStatus:
    if value in CHARGES_LIST_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CHARGES_LIST_STATUS_VALUES!r}")
