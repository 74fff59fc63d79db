from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ClassSummary")


@_attrs_define
class ClassSummary:
    """
    Attributes:
        asset_class (str):
        label (str):
        loans (int):
        exposure (str):
        secured (str):
        provision (str):
    """

    asset_class: str
    label: str
    loans: int
    exposure: str
    secured: str
    provision: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        asset_class = self.asset_class

        label = self.label

        loans = self.loans

        exposure = self.exposure

        secured = self.secured

        provision = self.provision

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "asset_class": asset_class,
                "label": label,
                "loans": loans,
                "exposure": exposure,
                "secured": secured,
                "provision": provision,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        asset_class = d.pop("asset_class")

        label = d.pop("label")

        loans = d.pop("loans")

        exposure = d.pop("exposure")

        secured = d.pop("secured")

        provision = d.pop("provision")

        class_summary = cls(
            asset_class=asset_class,
            label=label,
            loans=loans,
            exposure=exposure,
            secured=secured,
            provision=provision,
        )

        class_summary.additional_properties = d
        return class_summary

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
