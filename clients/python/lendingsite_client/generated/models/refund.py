from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Refund")


@_attrs_define
class Refund:
    """
    Attributes:
        id (int):
        loan (int):
        amount (str):
        refunded_on (datetime.date):
        reference (str):
        refunded_by (int):
        credit_balance (str):
    """

    id: int
    loan: int
    amount: str
    refunded_on: datetime.date
    reference: str
    refunded_by: int
    credit_balance: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        loan = self.loan

        amount = self.amount

        refunded_on = self.refunded_on.isoformat()

        reference = self.reference

        refunded_by = self.refunded_by

        credit_balance = self.credit_balance

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "loan": loan,
                "amount": amount,
                "refunded_on": refunded_on,
                "reference": reference,
                "refunded_by": refunded_by,
                "credit_balance": credit_balance,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        loan = d.pop("loan")

        amount = d.pop("amount")

        refunded_on = datetime.date.fromisoformat(d.pop("refunded_on"))

        reference = d.pop("reference")

        refunded_by = d.pop("refunded_by")

        credit_balance = d.pop("credit_balance")

        refund = cls(
            id=id,
            loan=loan,
            amount=amount,
            refunded_on=refunded_on,
            reference=reference,
            refunded_by=refunded_by,
            credit_balance=credit_balance,
        )

        refund.additional_properties = d
        return refund

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
