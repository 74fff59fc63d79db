from typing import Literal

DayEndRunStatusEnum = Literal["completed", "failed", "running"]

DAY_END_RUN_STATUS_ENUM_VALUES: set[DayEndRunStatusEnum] = {
    "completed",
    "failed",
    "running",
}


def check_day_end_run_status_enum(value: str) -> DayEndRunStatusEnum:
    if value in DAY_END_RUN_STATUS_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {DAY_END_RUN_STATUS_ENUM_VALUES!r}"
    )
