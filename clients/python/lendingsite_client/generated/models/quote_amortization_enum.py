from typing import Literal

QuoteAmortizationEnum = Literal["equal_installments", "equal_principal"]

QUOTE_AMORTIZATION_ENUM_VALUES: set[QuoteAmortizationEnum] = {
    "equal_installments",
    "equal_principal",
}


def check_quote_amortization_enum(value: str) -> QuoteAmortizationEnum:
    if value in QUOTE_AMORTIZATION_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {QUOTE_AMORTIZATION_ENUM_VALUES!r}"
    )
