from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.doc_type_enum import DocTypeEnum, check_doc_type_enum
from ..models.kyc_document_status_enum import KycDocumentStatusEnum, check_kyc_document_status_enum

T = TypeVar("T", bound="KycDocument")


@_attrs_define
class KycDocument:
    """
    Attributes:
        id (int):
        profile (int):
        doc_type (DocTypeEnum): * `pan_card` - PAN card
            * `address_proof` - Address proof
            * `income_proof` - Income proof
            * `photo` - Photograph
        status (KycDocumentStatusEnum): * `pending` - Pending
            * `verified` - Verified
            * `rejected` - Rejected
        content_type (str):
        size (int):
        sha256 (str):
        uploaded_at (datetime.datetime):
        uploaded_by (int | None):
        verified_by (int | None):
        verified_at (datetime.datetime | None):
        rejection_reason (str):
        superseded_at (datetime.datetime | None):
        superseded_by (int | None):
    """

    id: int
    profile: int
    doc_type: DocTypeEnum
    status: KycDocumentStatusEnum
    content_type: str
    size: int
    sha256: str
    uploaded_at: datetime.datetime
    uploaded_by: int | None
    verified_by: int | None
    verified_at: datetime.datetime | None
    rejection_reason: str
    superseded_at: datetime.datetime | None
    superseded_by: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        profile = self.profile

        doc_type: str = self.doc_type

        status: str = self.status

        content_type = self.content_type

        size = self.size

        sha256 = self.sha256

        uploaded_at = self.uploaded_at.isoformat()

        uploaded_by: int | None
        uploaded_by = self.uploaded_by

        verified_by: int | None
        verified_by = self.verified_by

        verified_at: None | str
        if isinstance(self.verified_at, datetime.datetime):
            verified_at = self.verified_at.isoformat()
        else:
            verified_at = self.verified_at

        rejection_reason = self.rejection_reason

        superseded_at: None | str
        if isinstance(self.superseded_at, datetime.datetime):
            superseded_at = self.superseded_at.isoformat()
        else:
            superseded_at = self.superseded_at

        superseded_by: int | None
        superseded_by = self.superseded_by

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "profile": profile,
                "doc_type": doc_type,
                "status": status,
                "content_type": content_type,
                "size": size,
                "sha256": sha256,
                "uploaded_at": uploaded_at,
                "uploaded_by": uploaded_by,
                "verified_by": verified_by,
                "verified_at": verified_at,
                "rejection_reason": rejection_reason,
                "superseded_at": superseded_at,
                "superseded_by": superseded_by,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        profile = d.pop("profile")

        doc_type = check_doc_type_enum(d.pop("doc_type"))

        status = check_kyc_document_status_enum(d.pop("status"))

        content_type = d.pop("content_type")

        size = d.pop("size")

        sha256 = d.pop("sha256")

        uploaded_at = datetime.datetime.fromisoformat(d.pop("uploaded_at"))

        def _parse_uploaded_by(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        uploaded_by = _parse_uploaded_by(d.pop("uploaded_by"))

        def _parse_verified_by(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        verified_by = _parse_verified_by(d.pop("verified_by"))

        def _parse_verified_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                verified_at_type_0 = datetime.datetime.fromisoformat(data)

                return verified_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        verified_at = _parse_verified_at(d.pop("verified_at"))

        rejection_reason = d.pop("rejection_reason")

        def _parse_superseded_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                superseded_at_type_0 = datetime.datetime.fromisoformat(data)

                return superseded_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        superseded_at = _parse_superseded_at(d.pop("superseded_at"))

        def _parse_superseded_by(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        superseded_by = _parse_superseded_by(d.pop("superseded_by"))

        kyc_document = cls(
            id=id,
            profile=profile,
            doc_type=doc_type,
            status=status,
            content_type=content_type,
            size=size,
            sha256=sha256,
            uploaded_at=uploaded_at,
            uploaded_by=uploaded_by,
            verified_by=verified_by,
            verified_at=verified_at,
            rejection_reason=rejection_reason,
            superseded_at=superseded_at,
            superseded_by=superseded_by,
        )

        kyc_document.additional_properties = d
        return kyc_document

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
