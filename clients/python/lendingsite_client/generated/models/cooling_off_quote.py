from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="CoolingOffQuote")


@_attrs_define
class CoolingOffQuote:
    """
    Attributes:
        loan (int):
        on (datetime.date):
        days (int):
        principal (str):
        interest (str):
        total (str):
        cooling_off_until (datetime.date):
    """

    loan: int
    on: datetime.date
    days: int
    principal: str
    interest: str
    total: str
    cooling_off_until: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        loan = self.loan

        on = self.on.isoformat()

        days = self.days

        principal = self.principal

        interest = self.interest

        total = self.total

        cooling_off_until = self.cooling_off_until.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "loan": loan,
                "on": on,
                "days": days,
                "principal": principal,
                "interest": interest,
                "total": total,
                "cooling_off_until": cooling_off_until,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        loan = d.pop("loan")

        on = datetime.date.fromisoformat(d.pop("on"))

        days = d.pop("days")

        principal = d.pop("principal")

        interest = d.pop("interest")

        total = d.pop("total")

        cooling_off_until = datetime.date.fromisoformat(d.pop("cooling_off_until"))

        cooling_off_quote = cls(
            loan=loan,
            on=on,
            days=days,
            principal=principal,
            interest=interest,
            total=total,
            cooling_off_until=cooling_off_until,
        )

        cooling_off_quote.additional_properties = d
        return cooling_off_quote

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
