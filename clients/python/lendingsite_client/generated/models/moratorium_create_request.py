from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MoratoriumCreateRequest")


@_attrs_define
class MoratoriumCreateRequest:
    """
    Attributes:
        name (str):
        start (datetime.date):
        installments (int):
        loans (list[int]):
    """

    name: str
    start: datetime.date
    installments: int
    loans: list[int]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        start = self.start.isoformat()

        installments = self.installments

        loans = self.loans

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "start": start,
                "installments": installments,
                "loans": loans,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        start = datetime.date.fromisoformat(d.pop("start"))

        installments = d.pop("installments")

        loans = cast(list[int], d.pop("loans"))

        moratorium_create_request = cls(
            name=name,
            start=start,
            installments=installments,
            loans=loans,
        )

        moratorium_create_request.additional_properties = d
        return moratorium_create_request

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
