from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.webhook_event_promise_broken_data_promise_status import (
    WebhookEventPromiseBrokenDataPromiseStatus,
    check_webhook_event_promise_broken_data_promise_status,
)

T = TypeVar("T", bound="WebhookEventPromiseBrokenDataPromise")


@_attrs_define
class WebhookEventPromiseBrokenDataPromise:
    """
    Attributes:
        id (int):
        case (int):
        loan (int):
        amount (str):  Example: 1000.00.
        promised_on (datetime.date):
        status (WebhookEventPromiseBrokenDataPromiseStatus):
        settled_on (datetime.date):
    """

    id: int
    case: int
    loan: int
    amount: str
    promised_on: datetime.date
    status: WebhookEventPromiseBrokenDataPromiseStatus
    settled_on: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        case = self.case

        loan = self.loan

        amount = self.amount

        promised_on = self.promised_on.isoformat()

        status: str = self.status

        settled_on = self.settled_on.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "case": case,
                "loan": loan,
                "amount": amount,
                "promised_on": promised_on,
                "status": status,
                "settled_on": settled_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        case = d.pop("case")

        loan = d.pop("loan")

        amount = d.pop("amount")

        promised_on = datetime.date.fromisoformat(d.pop("promised_on"))

        status = check_webhook_event_promise_broken_data_promise_status(d.pop("status"))

        settled_on = datetime.date.fromisoformat(d.pop("settled_on"))

        webhook_event_promise_broken_data_promise = cls(
            id=id,
            case=case,
            loan=loan,
            amount=amount,
            promised_on=promised_on,
            status=status,
            settled_on=settled_on,
        )

        webhook_event_promise_broken_data_promise.additional_properties = d
        return webhook_event_promise_broken_data_promise

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
