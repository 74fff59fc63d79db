from typing import Literal

EarnRuleEnum = Literal["disbursed", "first_installment_on_time"]

EARN_RULE_ENUM_VALUES: set[EarnRuleEnum] = {
    "disbursed",
    "first_installment_on_time",
}


def check_earn_rule_enum(value: str) -> EarnRuleEnum:
    if value in EARN_RULE_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {EARN_RULE_ENUM_VALUES!r}")
