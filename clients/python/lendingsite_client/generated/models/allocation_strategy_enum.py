from typing import Literal

AllocationStrategyEnum = Literal["interest_principal_penal_fees", "penal_fees_interest_principal"]

ALLOCATION_STRATEGY_ENUM_VALUES: set[AllocationStrategyEnum] = {
    "interest_principal_penal_fees",
    "penal_fees_interest_principal",
}


def check_allocation_strategy_enum(value: str) -> AllocationStrategyEnum:
    if value in ALLOCATION_STRATEGY_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ALLOCATION_STRATEGY_ENUM_VALUES!r}"
    )
