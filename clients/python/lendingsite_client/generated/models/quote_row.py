from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="QuoteRow")


@_attrs_define
class QuoteRow:
    """
    Attributes:
        number (int):
        due_date (datetime.date):
        principal (str):
        interest (str):
        total (str):
        balance (str): Principal still owed after this installment.
    """

    number: int
    due_date: datetime.date
    principal: str
    interest: str
    total: str
    balance: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        number = self.number

        due_date = self.due_date.isoformat()

        principal = self.principal

        interest = self.interest

        total = self.total

        balance = self.balance

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "number": number,
                "due_date": due_date,
                "principal": principal,
                "interest": interest,
                "total": total,
                "balance": balance,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        number = d.pop("number")

        due_date = datetime.date.fromisoformat(d.pop("due_date"))

        principal = d.pop("principal")

        interest = d.pop("interest")

        total = d.pop("total")

        balance = d.pop("balance")

        quote_row = cls(
            number=number,
            due_date=due_date,
            principal=principal,
            interest=interest,
            total=total,
            balance=balance,
        )

        quote_row.additional_properties = d
        return quote_row

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
