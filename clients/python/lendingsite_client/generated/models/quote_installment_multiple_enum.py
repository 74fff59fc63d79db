from typing import Literal

QuoteInstallmentMultipleEnum = Literal["0.01", "1.00"]

QUOTE_INSTALLMENT_MULTIPLE_ENUM_VALUES: set[QuoteInstallmentMultipleEnum] = {
    "0.01",
    "1.00",
}


def check_quote_installment_multiple_enum(value: str) -> QuoteInstallmentMultipleEnum:
    if value in QUOTE_INSTALLMENT_MULTIPLE_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {QUOTE_INSTALLMENT_MULTIPLE_ENUM_VALUES!r}"
    )
