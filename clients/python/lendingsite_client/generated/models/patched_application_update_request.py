from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedApplicationUpdateRequest")


@_attrs_define
class PatchedApplicationUpdateRequest:
    """PATCH: the figures an application was made on. The decision fields (status, score,
    grade, reasons, offer, override...) are refused as a whole (403 protected_field).

        Attributes:
            monthly_income (str | Unset):
            existing_emis (str | Unset):
    """

    monthly_income: str | Unset = UNSET
    existing_emis: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        monthly_income = self.monthly_income

        existing_emis = self.existing_emis

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if monthly_income is not UNSET:
            field_dict["monthly_income"] = monthly_income
        if existing_emis is not UNSET:
            field_dict["existing_emis"] = existing_emis

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        monthly_income = d.pop("monthly_income", UNSET)

        existing_emis = d.pop("existing_emis", UNSET)

        patched_application_update_request = cls(
            monthly_income=monthly_income,
            existing_emis=existing_emis,
        )

        patched_application_update_request.additional_properties = d
        return patched_application_update_request

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
