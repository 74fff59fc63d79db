from typing import Literal

InstallmentStatusEnum = Literal["due", "overdue", "paid", "partially_paid"]

INSTALLMENT_STATUS_ENUM_VALUES: set[InstallmentStatusEnum] = {
    "due",
    "overdue",
    "paid",
    "partially_paid",
}


def check_installment_status_enum(value: str) -> InstallmentStatusEnum:
    if value in INSTALLMENT_STATUS_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {INSTALLMENT_STATUS_ENUM_VALUES!r}"
    )
