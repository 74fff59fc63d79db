from typing import Literal

MeKycDocumentsListStatus = Literal["pending", "rejected", "verified"]

ME_KYC_DOCUMENTS_LIST_STATUS_VALUES: set[MeKycDocumentsListStatus] = {
    "pending",
    "rejected",
    "verified",
}


def check_me_kyc_documents_list_status(value: str) -> MeKycDocumentsListStatus:
    if value in ME_KYC_DOCUMENTS_LIST_STATUS_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ME_KYC_DOCUMENTS_LIST_STATUS_VALUES!r}"
    )
