from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WebhookEventMandatePausedDataMandate")


@_attrs_define
class WebhookEventMandatePausedDataMandate:
    """
    Attributes:
        id (int):
        loan (int):
        status (str):
        umrn (str):
        max_amount (str):  Example: 1000.00.
        reason_code (str):
    """

    id: int
    loan: int
    status: str
    umrn: str
    max_amount: str
    reason_code: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        loan = self.loan

        status = self.status

        umrn = self.umrn

        max_amount = self.max_amount

        reason_code = self.reason_code

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "loan": loan,
                "status": status,
                "umrn": umrn,
                "max_amount": max_amount,
                "reason_code": reason_code,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        loan = d.pop("loan")

        status = d.pop("status")

        umrn = d.pop("umrn")

        max_amount = d.pop("max_amount")

        reason_code = d.pop("reason_code")

        webhook_event_mandate_paused_data_mandate = cls(
            id=id,
            loan=loan,
            status=status,
            umrn=umrn,
            max_amount=max_amount,
            reason_code=reason_code,
        )

        webhook_event_mandate_paused_data_mandate.additional_properties = d
        return webhook_event_mandate_paused_data_mandate

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
