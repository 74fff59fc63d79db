from typing import Literal

DocTypeEnum = Literal["address_proof", "income_proof", "pan_card", "photo"]

DOC_TYPE_ENUM_VALUES: set[DocTypeEnum] = {
    "address_proof",
    "income_proof",
    "pan_card",
    "photo",
}


def check_doc_type_enum(value: str) -> DocTypeEnum:
    if value in DOC_TYPE_ENUM_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {DOC_TYPE_ENUM_VALUES!r}")
