from typing import Literal

KycDocumentsListDocType = Literal["address_proof", "income_proof", "pan_card", "photo"]

KYC_DOCUMENTS_LIST_DOC_TYPE_VALUES: set[KycDocumentsListDocType] = {
    "address_proof",
    "income_proof",
    "pan_card",
    "photo",
}


def check_kyc_documents_list_doc_type(value: str) -> KycDocumentsListDocType:
    if value in KYC_DOCUMENTS_LIST_DOC_TYPE_VALUES:
        return value
    raise TypeError(
        f"Unexpected value {value!r}. Expected one of {KYC_DOCUMENTS_LIST_DOC_TYPE_VALUES!r}"
    )
