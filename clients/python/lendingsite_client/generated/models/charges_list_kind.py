from typing import Literal

ChargesListKind = Literal["fee", "penal"]

CHARGES_LIST_KIND_VALUES: set[ChargesListKind] = {
    "fee",
    "penal",
}


def check_charges_list_kind(value: str) -> ChargesListKind:
    if value in CHARGES_LIST_KIND_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CHARGES_LIST_KIND_VALUES!r}")
