from typing import Literal

KycDocumentStatusEnum = Literal["pending", "rejected", "verified"]

KYC_DOCUMENT_STATUS_ENUM_VALUES: set[KycDocumentStatusEnum] = {
    "pending",
    "rejected",
    "verified",
}


def check_kyc_document_status_enum(value: str) -> KycDocumentStatusEnum:
    if value in KYC_DOCUMENT_STATUS_ENUM_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {KYC_DOCUMENT_STATUS_ENUM_VALUES!r}"
    )
