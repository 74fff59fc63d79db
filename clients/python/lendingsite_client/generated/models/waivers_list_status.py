from typing import Literal

WaiversListStatus = Literal["approved", "proposed", "rejected"]

WAIVERS_LIST_STATUS_VALUES: set[WaiversListStatus] = {
    "approved",
    "proposed",
    "rejected",
}


def check_waivers_list_status(value: str) -> WaiversListStatus:
    if value in WAIVERS_LIST_STATUS_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {WAIVERS_LIST_STATUS_VALUES!r}")
