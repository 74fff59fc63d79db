from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WebhookEventChargeWaivedDataCharge")


@_attrs_define
class WebhookEventChargeWaivedDataCharge:
    """
    Attributes:
        id (int):
        loan (int):
        kind (str):
        amount (str):  Example: 1000.00.
        waived_amount (str):  Example: 1000.00.
        status (str):
        charged_on (datetime.date):
    """

    id: int
    loan: int
    kind: str
    amount: str
    waived_amount: str
    status: str
    charged_on: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        loan = self.loan

        kind = self.kind

        amount = self.amount

        waived_amount = self.waived_amount

        status = self.status

        charged_on = self.charged_on.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "loan": loan,
                "kind": kind,
                "amount": amount,
                "waived_amount": waived_amount,
                "status": status,
                "charged_on": charged_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        loan = d.pop("loan")

        kind = d.pop("kind")

        amount = d.pop("amount")

        waived_amount = d.pop("waived_amount")

        status = d.pop("status")

        charged_on = datetime.date.fromisoformat(d.pop("charged_on"))

        webhook_event_charge_waived_data_charge = cls(
            id=id,
            loan=loan,
            kind=kind,
            amount=amount,
            waived_amount=waived_amount,
            status=status,
            charged_on=charged_on,
        )

        webhook_event_charge_waived_data_charge.additional_properties = d
        return webhook_event_charge_waived_data_charge

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
