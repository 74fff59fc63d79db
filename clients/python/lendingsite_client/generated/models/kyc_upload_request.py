from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.doc_type_enum import DocTypeEnum, check_doc_type_enum
from ..types import File

T = TypeVar("T", bound="KycUploadRequest")


@_attrs_define
class KycUploadRequest:
    """
    Attributes:
        doc_type (DocTypeEnum): * `pan_card` - PAN card
            * `address_proof` - Address proof
            * `income_proof` - Income proof
            * `photo` - Photograph
        file (File):
    """

    doc_type: DocTypeEnum
    file: File
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        doc_type: str = self.doc_type

        file = self.file.to_tuple()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "doc_type": doc_type,
                "file": file,
            }
        )

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("doc_type", (None, str(self.doc_type).encode(), "text/plain")))

        files.append(("file", self.file.to_tuple()))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        doc_type = check_doc_type_enum(d.pop("doc_type"))

        file = File(payload=BytesIO(d.pop("file")))

        kyc_upload_request = cls(
            doc_type=doc_type,
            file=file,
        )

        kyc_upload_request.additional_properties = d
        return kyc_upload_request

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
