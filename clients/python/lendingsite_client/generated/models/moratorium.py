from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Moratorium")


@_attrs_define
class Moratorium:
    """
    Attributes:
        id (int):
        name (str):
        start (datetime.date):
        installments (int):
        created_on (datetime.date):
        finished_at (datetime.datetime | None):
        applied (int):
        skipped (int):
        pending (int):
    """

    id: int
    name: str
    start: datetime.date
    installments: int
    created_on: datetime.date
    finished_at: datetime.datetime | None
    applied: int
    skipped: int
    pending: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        start = self.start.isoformat()

        installments = self.installments

        created_on = self.created_on.isoformat()

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        applied = self.applied

        skipped = self.skipped

        pending = self.pending

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "start": start,
                "installments": installments,
                "created_on": created_on,
                "finished_at": finished_at,
                "applied": applied,
                "skipped": skipped,
                "pending": pending,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        start = datetime.date.fromisoformat(d.pop("start"))

        installments = d.pop("installments")

        created_on = datetime.date.fromisoformat(d.pop("created_on"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        applied = d.pop("applied")

        skipped = d.pop("skipped")

        pending = d.pop("pending")

        moratorium = cls(
            id=id,
            name=name,
            start=start,
            installments=installments,
            created_on=created_on,
            finished_at=finished_at,
            applied=applied,
            skipped=skipped,
            pending=pending,
        )

        moratorium.additional_properties = d
        return moratorium

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
