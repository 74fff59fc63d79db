from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ProvisionDetail")


@_attrs_define
class ProvisionDetail:
    """
    Attributes:
        loan (int):
        asset_class (str):
        days_in_npa (int):
        exposure (str):
        secured (str):
        unsecured (str):
        required (str):
        held_before (str):
        posted (str):
    """

    loan: int
    asset_class: str
    days_in_npa: int
    exposure: str
    secured: str
    unsecured: str
    required: str
    held_before: str
    posted: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        loan = self.loan

        asset_class = self.asset_class

        days_in_npa = self.days_in_npa

        exposure = self.exposure

        secured = self.secured

        unsecured = self.unsecured

        required = self.required

        held_before = self.held_before

        posted = self.posted

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "loan": loan,
                "asset_class": asset_class,
                "days_in_npa": days_in_npa,
                "exposure": exposure,
                "secured": secured,
                "unsecured": unsecured,
                "required": required,
                "held_before": held_before,
                "posted": posted,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        loan = d.pop("loan")

        asset_class = d.pop("asset_class")

        days_in_npa = d.pop("days_in_npa")

        exposure = d.pop("exposure")

        secured = d.pop("secured")

        unsecured = d.pop("unsecured")

        required = d.pop("required")

        held_before = d.pop("held_before")

        posted = d.pop("posted")

        provision_detail = cls(
            loan=loan,
            asset_class=asset_class,
            days_in_npa=days_in_npa,
            exposure=exposure,
            secured=secured,
            unsecured=unsecured,
            required=required,
            held_before=held_before,
            posted=posted,
        )

        provision_detail.additional_properties = d
        return provision_detail

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
