from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WebhookEventPaymentReversedDataPayment")


@_attrs_define
class WebhookEventPaymentReversedDataPayment:
    """
    Attributes:
        id (int):
        loan (int):
        amount (str):  Example: 1000.00.
        paid_on (datetime.date):
        utr (str):
        status (str):
    """

    id: int
    loan: int
    amount: str
    paid_on: datetime.date
    utr: str
    status: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        loan = self.loan

        amount = self.amount

        paid_on = self.paid_on.isoformat()

        utr = self.utr

        status = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "loan": loan,
                "amount": amount,
                "paid_on": paid_on,
                "utr": utr,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        loan = d.pop("loan")

        amount = d.pop("amount")

        paid_on = datetime.date.fromisoformat(d.pop("paid_on"))

        utr = d.pop("utr")

        status = d.pop("status")

        webhook_event_payment_reversed_data_payment = cls(
            id=id,
            loan=loan,
            amount=amount,
            paid_on=paid_on,
            utr=utr,
            status=status,
        )

        webhook_event_payment_reversed_data_payment.additional_properties = d
        return webhook_event_payment_reversed_data_payment

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
