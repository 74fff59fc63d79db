from typing import Literal

OutcomeEnum = Literal["no_answer", "paid", "promised", "reached", "refused", "wrong_number"]

OUTCOME_ENUM_VALUES: set[OutcomeEnum] = {
    "no_answer",
    "paid",
    "promised",
    "reached",
    "refused",
    "wrong_number",
}


def check_outcome_enum(value: str) -> OutcomeEnum:
    if value in OUTCOME_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {OUTCOME_ENUM_VALUES!r}")
