from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.blank_enum import BlankEnum, check_blank_enum
from ..models.file_format_enum import FileFormatEnum, check_file_format_enum
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="StatementUploadRequest")


@_attrs_define
class StatementUploadRequest:
    """
    Attributes:
        file (File): CSV (Txn Date, Value Date, Description, Ref No./Cheque No., Debit, Credit, Balance) or SWIFT MT940
        file_format (BlankEnum | FileFormatEnum | Unset): csv or mt940; left out, it is told from the file's first bytes

            * `csv` - CSV
            * `mt940` - SWIFT MT940 Default: ''.
    """

    file: File
    file_format: BlankEnum | FileFormatEnum | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()

        file_format: str | Unset
        if isinstance(self.file_format, Unset):
            file_format = UNSET
        elif isinstance(self.file_format, str):
            file_format = self.file_format
        else:
            file_format = self.file_format

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file": file,
            }
        )
        if file_format is not UNSET:
            field_dict["file_format"] = file_format

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))

        if not isinstance(self.file_format, Unset):
            if isinstance(self.file_format, str):
                files.append(("file_format", (None, str(self.file_format).encode(), "text/plain")))
            else:
                files.append(("file_format", (None, str(self.file_format).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file = File(payload=BytesIO(d.pop("file")))

        def _parse_file_format(data: object) -> BlankEnum | FileFormatEnum | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                file_format_type_0 = check_file_format_enum(data)

                return file_format_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, str):
                raise TypeError()
            file_format_type_1 = check_blank_enum(data)

            return file_format_type_1

        file_format = _parse_file_format(d.pop("file_format", UNSET))

        statement_upload_request = cls(
            file=file,
            file_format=file_format,
        )

        statement_upload_request.additional_properties = d
        return statement_upload_request

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
