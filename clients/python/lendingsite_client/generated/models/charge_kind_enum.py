from typing import Literal

ChargeKindEnum = Literal["fee", "penal"]

CHARGE_KIND_ENUM_VALUES: set[ChargeKindEnum] = {
    "fee",
    "penal",
}


def check_charge_kind_enum(value: str) -> ChargeKindEnum:
    if value in CHARGE_KIND_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {CHARGE_KIND_ENUM_VALUES!r}")
