from typing import Literal

ScreeningHitsListStatus = Literal[
    "clear_proposed", "cleared", "confirm_proposed", "confirmed", "open"
]

SCREENING_HITS_LIST_STATUS_VALUES: set[ScreeningHitsListStatus] = {
    "clear_proposed",
    "cleared",
    "confirm_proposed",
    "confirmed",
    "open",
}


def check_screening_hits_list_status(value: str) -> ScreeningHitsListStatus:
    if value in SCREENING_HITS_LIST_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {SCREENING_HITS_LIST_STATUS_VALUES!r}"
    )
