from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.mandate_frequency_enum import MandateFrequencyEnum, check_mandate_frequency_enum
from ..types import UNSET, Unset

T = TypeVar("T", bound="MandateCreateRequest")


@_attrs_define
class MandateCreateRequest:
    """
    Attributes:
        loan (int):
        max_amount (str | Unset):
        frequency (MandateFrequencyEnum | Unset): * `MNTH` - Monthly
            * `ADHO` - As presented Default: 'MNTH'.
        start_on (datetime.date | Unset):
        end_on (datetime.date | Unset):
    """

    loan: int
    max_amount: str | Unset = UNSET
    frequency: MandateFrequencyEnum | Unset = "MNTH"
    start_on: datetime.date | Unset = UNSET
    end_on: datetime.date | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        loan = self.loan

        max_amount = self.max_amount

        frequency: str | Unset = UNSET
        if not isinstance(self.frequency, Unset):
            frequency = self.frequency

        start_on: str | Unset = UNSET
        if not isinstance(self.start_on, Unset):
            start_on = self.start_on.isoformat()

        end_on: str | Unset = UNSET
        if not isinstance(self.end_on, Unset):
            end_on = self.end_on.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "loan": loan,
            }
        )
        if max_amount is not UNSET:
            field_dict["max_amount"] = max_amount
        if frequency is not UNSET:
            field_dict["frequency"] = frequency
        if start_on is not UNSET:
            field_dict["start_on"] = start_on
        if end_on is not UNSET:
            field_dict["end_on"] = end_on

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        loan = d.pop("loan")

        max_amount = d.pop("max_amount", UNSET)

        _frequency = d.pop("frequency", UNSET)
        frequency: MandateFrequencyEnum | Unset
        if isinstance(_frequency, Unset):
            frequency = UNSET
        else:
            frequency = check_mandate_frequency_enum(_frequency)

        _start_on = d.pop("start_on", UNSET)
        start_on: datetime.date | Unset
        if isinstance(_start_on, Unset):
            start_on = UNSET
        else:
            start_on = datetime.date.fromisoformat(_start_on)

        _end_on = d.pop("end_on", UNSET)
        end_on: datetime.date | Unset
        if isinstance(_end_on, Unset):
            end_on = UNSET
        else:
            end_on = datetime.date.fromisoformat(_end_on)

        mandate_create_request = cls(
            loan=loan,
            max_amount=max_amount,
            frequency=frequency,
            start_on=start_on,
            end_on=end_on,
        )

        mandate_create_request.additional_properties = d
        return mandate_create_request

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
