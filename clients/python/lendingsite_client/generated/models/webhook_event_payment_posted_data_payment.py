from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.webhook_event_payment_posted_data_payment_allocation import (
        WebhookEventPaymentPostedDataPaymentAllocation,
    )


T = TypeVar("T", bound="WebhookEventPaymentPostedDataPayment")


@_attrs_define
class WebhookEventPaymentPostedDataPayment:
    """
    Attributes:
        id (int):
        loan (int):
        amount (str):  Example: 1000.00.
        paid_on (datetime.date):
        channel (str):
        utr (str):
        allocation (WebhookEventPaymentPostedDataPaymentAllocation):
    """

    id: int
    loan: int
    amount: str
    paid_on: datetime.date
    channel: str
    utr: str
    allocation: WebhookEventPaymentPostedDataPaymentAllocation
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        loan = self.loan

        amount = self.amount

        paid_on = self.paid_on.isoformat()

        channel = self.channel

        utr = self.utr

        allocation = self.allocation.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "loan": loan,
                "amount": amount,
                "paid_on": paid_on,
                "channel": channel,
                "utr": utr,
                "allocation": allocation,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhook_event_payment_posted_data_payment_allocation import (
            WebhookEventPaymentPostedDataPaymentAllocation,  # noqa: PLC0415
        )

        d = dict(src_dict)
        id = d.pop("id")

        loan = d.pop("loan")

        amount = d.pop("amount")

        paid_on = datetime.date.fromisoformat(d.pop("paid_on"))

        channel = d.pop("channel")

        utr = d.pop("utr")

        allocation = WebhookEventPaymentPostedDataPaymentAllocation.from_dict(d.pop("allocation"))

        webhook_event_payment_posted_data_payment = cls(
            id=id,
            loan=loan,
            amount=amount,
            paid_on=paid_on,
            channel=channel,
            utr=utr,
            allocation=allocation,
        )

        webhook_event_payment_posted_data_payment.additional_properties = d
        return webhook_event_payment_posted_data_payment

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
