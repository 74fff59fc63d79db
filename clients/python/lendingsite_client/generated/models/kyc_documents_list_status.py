from typing import Literal

KycDocumentsListStatus = Literal["pending", "rejected", "verified"]

KYC_DOCUMENTS_LIST_STATUS_VALUES: set[KycDocumentsListStatus] = {
    "pending",
    "rejected",
    "verified",
}


def check_kyc_documents_list_status(value: str) -> KycDocumentsListStatus:
    if value in KYC_DOCUMENTS_LIST_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {KYC_DOCUMENTS_LIST_STATUS_VALUES!r}"
    )
