from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="RescheduleRow")


@_attrs_define
class RescheduleRow:
    """
    Attributes:
        number (int):
        due_date (datetime.date):
        principal_due (str):
        interest_due (str):
        penal_due (str):
        fees_due (str):
    """

    number: int
    due_date: datetime.date
    principal_due: str
    interest_due: str
    penal_due: str
    fees_due: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        number = self.number

        due_date = self.due_date.isoformat()

        principal_due = self.principal_due

        interest_due = self.interest_due

        penal_due = self.penal_due

        fees_due = self.fees_due

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "number": number,
                "due_date": due_date,
                "principal_due": principal_due,
                "interest_due": interest_due,
                "penal_due": penal_due,
                "fees_due": fees_due,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        number = d.pop("number")

        due_date = datetime.date.fromisoformat(d.pop("due_date"))

        principal_due = d.pop("principal_due")

        interest_due = d.pop("interest_due")

        penal_due = d.pop("penal_due")

        fees_due = d.pop("fees_due")

        reschedule_row = cls(
            number=number,
            due_date=due_date,
            principal_due=principal_due,
            interest_due=interest_due,
            penal_due=penal_due,
            fees_due=fees_due,
        )

        reschedule_row.additional_properties = d
        return reschedule_row

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
