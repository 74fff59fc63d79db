from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DecisionOffer")


@_attrs_define
class DecisionOffer:
    """
    Attributes:
        amount (None | str):
        annual_rate (None | str):
        apr (None | str):
        problem (str):
    """

    amount: None | str
    annual_rate: None | str
    apr: None | str
    problem: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount: None | str
        amount = self.amount

        annual_rate: None | str
        annual_rate = self.annual_rate

        apr: None | str
        apr = self.apr

        problem = self.problem

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount": amount,
                "annual_rate": annual_rate,
                "apr": apr,
                "problem": problem,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_amount(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        amount = _parse_amount(d.pop("amount"))

        def _parse_annual_rate(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        annual_rate = _parse_annual_rate(d.pop("annual_rate"))

        def _parse_apr(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        apr = _parse_apr(d.pop("apr"))

        problem = d.pop("problem")

        decision_offer = cls(
            amount=amount,
            annual_rate=annual_rate,
            apr=apr,
            problem=problem,
        )

        decision_offer.additional_properties = d
        return decision_offer

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
