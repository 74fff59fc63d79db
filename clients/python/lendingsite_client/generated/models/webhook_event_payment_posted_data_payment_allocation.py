from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WebhookEventPaymentPostedDataPaymentAllocation")


@_attrs_define
class WebhookEventPaymentPostedDataPaymentAllocation:
    """
    Attributes:
        penal (str):  Example: 1000.00.
        fees (str):  Example: 1000.00.
        interest (str):  Example: 1000.00.
        principal (str):  Example: 1000.00.
        excess (str):  Example: 1000.00.
    """

    penal: str
    fees: str
    interest: str
    principal: str
    excess: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        penal = self.penal

        fees = self.fees

        interest = self.interest

        principal = self.principal

        excess = self.excess

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "penal": penal,
                "fees": fees,
                "interest": interest,
                "principal": principal,
                "excess": excess,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        penal = d.pop("penal")

        fees = d.pop("fees")

        interest = d.pop("interest")

        principal = d.pop("principal")

        excess = d.pop("excess")

        webhook_event_payment_posted_data_payment_allocation = cls(
            penal=penal,
            fees=fees,
            interest=interest,
            principal=principal,
            excess=excess,
        )

        webhook_event_payment_posted_data_payment_allocation.additional_properties = d
        return webhook_event_payment_posted_data_payment_allocation

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
