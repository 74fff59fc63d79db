from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WebhookEventPresentationDebitedDataPresentation")


@_attrs_define
class WebhookEventPresentationDebitedDataPresentation:
    """
    Attributes:
        id (int):
        loan (int):
        due_date (datetime.date):
        attempt (int):
        amount (str):  Example: 1000.00.
        status (str):
        reason_code (str):
        payment (int | None):
    """

    id: int
    loan: int
    due_date: datetime.date
    attempt: int
    amount: str
    status: str
    reason_code: str
    payment: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        loan = self.loan

        due_date = self.due_date.isoformat()

        attempt = self.attempt

        amount = self.amount

        status = self.status

        reason_code = self.reason_code

        payment: int | None
        payment = self.payment

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "loan": loan,
                "due_date": due_date,
                "attempt": attempt,
                "amount": amount,
                "status": status,
                "reason_code": reason_code,
                "payment": payment,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        loan = d.pop("loan")

        due_date = datetime.date.fromisoformat(d.pop("due_date"))

        attempt = d.pop("attempt")

        amount = d.pop("amount")

        status = d.pop("status")

        reason_code = d.pop("reason_code")

        def _parse_payment(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        payment = _parse_payment(d.pop("payment"))

        webhook_event_presentation_debited_data_presentation = cls(
            id=id,
            loan=loan,
            due_date=due_date,
            attempt=attempt,
            amount=amount,
            status=status,
            reason_code=reason_code,
            payment=payment,
        )

        webhook_event_presentation_debited_data_presentation.additional_properties = d
        return webhook_event_presentation_debited_data_presentation

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
