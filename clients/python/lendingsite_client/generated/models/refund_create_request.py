from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="RefundCreateRequest")


@_attrs_define
class RefundCreateRequest:
    """For DRF serializers that write. `is_valid()` refuses a body naming any of
    `protected_fields` before validating anything; views may call `guard()` earlier (for
    instance before their own permission check) — it runs once.

        Attributes:
            amount (str):
            reference (str):
            refunded_on (datetime.date | Unset):
    """

    amount: str
    reference: str
    refunded_on: datetime.date | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        reference = self.reference

        refunded_on: str | Unset = UNSET
        if not isinstance(self.refunded_on, Unset):
            refunded_on = self.refunded_on.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount": amount,
                "reference": reference,
            }
        )
        if refunded_on is not UNSET:
            field_dict["refunded_on"] = refunded_on

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        amount = d.pop("amount")

        reference = d.pop("reference")

        _refunded_on = d.pop("refunded_on", UNSET)
        refunded_on: datetime.date | Unset
        if isinstance(_refunded_on, Unset):
            refunded_on = UNSET
        else:
            refunded_on = datetime.date.fromisoformat(_refunded_on)

        refund_create_request = cls(
            amount=amount,
            reference=reference,
            refunded_on=refunded_on,
        )

        refund_create_request.additional_properties = d
        return refund_create_request

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
