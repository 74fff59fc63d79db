from typing import Literal

EmploymentTypeEnum = Literal["business", "other", "salaried", "self_employed"]

EMPLOYMENT_TYPE_ENUM_VALUES: set[EmploymentTypeEnum] = {
    "business",
    "other",
    "salaried",
    "self_employed",
}


def check_employment_type_enum(value: str) -> EmploymentTypeEnum:
    if value in EMPLOYMENT_TYPE_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {EMPLOYMENT_TYPE_ENUM_VALUES!r}")
