from typing import Literal

MeKycDocumentsListDocType = Literal["address_proof", "income_proof", "pan_card", "photo"]

ME_KYC_DOCUMENTS_LIST_DOC_TYPE_VALUES: set[MeKycDocumentsListDocType] = {
    "address_proof",
    "income_proof",
    "pan_card",
    "photo",
}


def check_me_kyc_documents_list_doc_type(value: str) -> MeKycDocumentsListDocType:
    if value in ME_KYC_DOCUMENTS_LIST_DOC_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {ME_KYC_DOCUMENTS_LIST_DOC_TYPE_VALUES!r}"
    )
