from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RestructureProposeRequest")


@_attrs_define
class RestructureProposeRequest:
    """
    Attributes:
        annual_rate (str):
        reason (str):
        tenure (int | Unset): New tenure; or `installment`.
        installment (str | Unset): New installment amount instead of a tenure: the tenure becomes the shortest whose
            installment is at most this (422 `installment_too_small` when none up to 120 is).
    """

    annual_rate: str
    reason: str
    tenure: int | Unset = UNSET
    installment: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        annual_rate = self.annual_rate

        reason = self.reason

        tenure = self.tenure

        installment = self.installment

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "annual_rate": annual_rate,
                "reason": reason,
            }
        )
        if tenure is not UNSET:
            field_dict["tenure"] = tenure
        if installment is not UNSET:
            field_dict["installment"] = installment

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        annual_rate = d.pop("annual_rate")

        reason = d.pop("reason")

        tenure = d.pop("tenure", UNSET)

        installment = d.pop("installment", UNSET)

        restructure_propose_request = cls(
            annual_rate=annual_rate,
            reason=reason,
            tenure=tenure,
            installment=installment,
        )

        restructure_propose_request.additional_properties = d
        return restructure_propose_request

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
