from typing import Literal

PenalChargeTypeEnum = Literal["flat", "percent_of_overdue"]

PENAL_CHARGE_TYPE_ENUM_VALUES: set[PenalChargeTypeEnum] = {
    "flat",
    "percent_of_overdue",
}


def check_penal_charge_type_enum(value: str) -> PenalChargeTypeEnum:
    if value in PENAL_CHARGE_TYPE_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PENAL_CHARGE_TYPE_ENUM_VALUES!r}"
    )
