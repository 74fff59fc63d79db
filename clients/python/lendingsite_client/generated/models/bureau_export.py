from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.bureau_frequency_enum import BureauFrequencyEnum, check_bureau_frequency_enum

if TYPE_CHECKING:
    from ..models.bureau_issue import BureauIssue


T = TypeVar("T", bound="BureauExport")


@_attrs_define
class BureauExport:
    """
    Attributes:
        id (int):
        as_of (datetime.date):
        frequency (BureauFrequencyEnum): * `monthly` - Monthly file
            * `fortnightly` - Fortnightly file
            * `weekly` - Weekly file
        file_name (str):
        sha256 (str):
        records (int):
        excluded (int):
        rejected (int):
        created_by (int | None):
        scheduled (bool):  Default: False.
        created_at (datetime.datetime):
        issues (list[BureauIssue]):
    """

    id: int
    as_of: datetime.date
    frequency: BureauFrequencyEnum
    file_name: str
    sha256: str
    records: int
    excluded: int
    rejected: int
    created_by: int | None
    created_at: datetime.datetime
    issues: list[BureauIssue]
    scheduled: bool = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        as_of = self.as_of.isoformat()

        frequency: str = self.frequency

        file_name = self.file_name

        sha256 = self.sha256

        records = self.records

        excluded = self.excluded

        rejected = self.rejected

        created_by: int | None
        created_by = self.created_by

        scheduled = self.scheduled

        created_at = self.created_at.isoformat()

        issues = []
        for issues_item_data in self.issues:
            issues_item = issues_item_data.to_dict()
            issues.append(issues_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "as_of": as_of,
                "frequency": frequency,
                "file_name": file_name,
                "sha256": sha256,
                "records": records,
                "excluded": excluded,
                "rejected": rejected,
                "created_by": created_by,
                "scheduled": scheduled,
                "created_at": created_at,
                "issues": issues,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.bureau_issue import BureauIssue  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        frequency = check_bureau_frequency_enum(d.pop("frequency"))

        file_name = d.pop("file_name")

        sha256 = d.pop("sha256")

        records = d.pop("records")

        excluded = d.pop("excluded")

        rejected = d.pop("rejected")

        def _parse_created_by(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        created_by = _parse_created_by(d.pop("created_by"))

        scheduled = d.pop("scheduled")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        issues = []
        _issues = d.pop("issues")
        for issues_item_data in _issues:
            issues_item = BureauIssue.from_dict(issues_item_data)

            issues.append(issues_item)

        bureau_export = cls(
            id=id,
            as_of=as_of,
            frequency=frequency,
            file_name=file_name,
            sha256=sha256,
            records=records,
            excluded=excluded,
            rejected=rejected,
            created_by=created_by,
            scheduled=scheduled,
            created_at=created_at,
            issues=issues,
        )

        bureau_export.additional_properties = d
        return bureau_export

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
