from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.payment_channel_enum import PaymentChannelEnum, check_payment_channel_enum

T = TypeVar("T", bound="PaymentCreateRequest")


@_attrs_define
class PaymentCreateRequest:
    """For DRF serializers that write. `is_valid()` refuses a body naming any of
    `protected_fields` before validating anything; views may call `guard()` earlier (for
    instance before their own permission check) — it runs once.

        Attributes:
            loan (int):
            amount (str):
            paid_on (datetime.date):
            channel (PaymentChannelEnum): * `upi` - UPI
                * `neft` - NEFT
                * `imps` - IMPS
                * `cash` - Cash
                * `cheque` - Cheque
                * `nach` - NACH
                * `gateway` - Payment gateway
            utr (str):
    """

    loan: int
    amount: str
    paid_on: datetime.date
    channel: PaymentChannelEnum
    utr: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        loan = self.loan

        amount = self.amount

        paid_on = self.paid_on.isoformat()

        channel: str = self.channel

        utr = self.utr

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "loan": loan,
                "amount": amount,
                "paid_on": paid_on,
                "channel": channel,
                "utr": utr,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        loan = d.pop("loan")

        amount = d.pop("amount")

        paid_on = datetime.date.fromisoformat(d.pop("paid_on"))

        channel = check_payment_channel_enum(d.pop("channel"))

        utr = d.pop("utr")

        payment_create_request = cls(
            loan=loan,
            amount=amount,
            paid_on=paid_on,
            channel=channel,
            utr=utr,
        )

        payment_create_request.additional_properties = d
        return payment_create_request

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
