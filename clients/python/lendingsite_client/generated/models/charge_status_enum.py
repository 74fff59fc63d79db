from typing import Literal

ChargeStatusEnum = Literal["in_force", "reversed", "waived"]

CHARGE_STATUS_ENUM_VALUES: set[ChargeStatusEnum] = {
    "in_force",
    "reversed",
    "waived",
}


def check_charge_status_enum(value: str) -> ChargeStatusEnum:
    if value in CHARGE_STATUS_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CHARGE_STATUS_ENUM_VALUES!r}")
