from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.file_format_enum import FileFormatEnum, check_file_format_enum

T = TypeVar("T", bound="StatementImport")


@_attrs_define
class StatementImport:
    """
    Attributes:
        id (int):
        file_name (str):
        file_format (FileFormatEnum): * `csv` - CSV
            * `mt940` - SWIFT MT940
        sha256 (str):
        uploaded_by (int):
        created_at (datetime.datetime):
        lines (int):
        credits_ (int):
        posted (int):
        duplicates (int):
        queued (int):
        credited_amount (str):
        posted_amount (str):
    """

    id: int
    file_name: str
    file_format: FileFormatEnum
    sha256: str
    uploaded_by: int
    created_at: datetime.datetime
    lines: int
    credits_: int
    posted: int
    duplicates: int
    queued: int
    credited_amount: str
    posted_amount: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        file_name = self.file_name

        file_format: str = self.file_format

        sha256 = self.sha256

        uploaded_by = self.uploaded_by

        created_at = self.created_at.isoformat()

        lines = self.lines

        credits_ = self.credits_

        posted = self.posted

        duplicates = self.duplicates

        queued = self.queued

        credited_amount = self.credited_amount

        posted_amount = self.posted_amount

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "file_name": file_name,
                "file_format": file_format,
                "sha256": sha256,
                "uploaded_by": uploaded_by,
                "created_at": created_at,
                "lines": lines,
                "credits": credits_,
                "posted": posted,
                "duplicates": duplicates,
                "queued": queued,
                "credited_amount": credited_amount,
                "posted_amount": posted_amount,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        file_name = d.pop("file_name")

        file_format = check_file_format_enum(d.pop("file_format"))

        sha256 = d.pop("sha256")

        uploaded_by = d.pop("uploaded_by")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        lines = d.pop("lines")

        credits_ = d.pop("credits")

        posted = d.pop("posted")

        duplicates = d.pop("duplicates")

        queued = d.pop("queued")

        credited_amount = d.pop("credited_amount")

        posted_amount = d.pop("posted_amount")

        statement_import = cls(
            id=id,
            file_name=file_name,
            file_format=file_format,
            sha256=sha256,
            uploaded_by=uploaded_by,
            created_at=created_at,
            lines=lines,
            credits_=credits_,
            posted=posted,
            duplicates=duplicates,
            queued=queued,
            credited_amount=credited_amount,
            posted_amount=posted_amount,
        )

        statement_import.additional_properties = d
        return statement_import

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
