from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="ForeclosureQuote")


@_attrs_define
class ForeclosureQuote:
    """
    Attributes:
        loan (int):
        as_of (datetime.date):
        principal (str):
        interest (str):
        penal (str):
        fees (str):
        total (str):
    """

    loan: int
    as_of: datetime.date
    principal: str
    interest: str
    penal: str
    fees: str
    total: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        loan = self.loan

        as_of = self.as_of.isoformat()

        principal = self.principal

        interest = self.interest

        penal = self.penal

        fees = self.fees

        total = self.total

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "loan": loan,
                "as_of": as_of,
                "principal": principal,
                "interest": interest,
                "penal": penal,
                "fees": fees,
                "total": total,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        loan = d.pop("loan")

        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        principal = d.pop("principal")

        interest = d.pop("interest")

        penal = d.pop("penal")

        fees = d.pop("fees")

        total = d.pop("total")

        foreclosure_quote = cls(
            loan=loan,
            as_of=as_of,
            principal=principal,
            interest=interest,
            penal=penal,
            fees=fees,
            total=total,
        )

        foreclosure_quote.additional_properties = d
        return foreclosure_quote

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
