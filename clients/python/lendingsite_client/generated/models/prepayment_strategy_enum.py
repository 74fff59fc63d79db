from typing import Literal

PrepaymentStrategyEnum = Literal["reduce_emi", "reduce_tenure"]

PREPAYMENT_STRATEGY_ENUM_VALUES: set[PrepaymentStrategyEnum] = {
    "reduce_emi",
    "reduce_tenure",
}


def check_prepayment_strategy_enum(value: str) -> PrepaymentStrategyEnum:
    if value in PREPAYMENT_STRATEGY_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {PREPAYMENT_STRATEGY_ENUM_VALUES!r}"
    )
