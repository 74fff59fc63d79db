from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="MyReferral")


@_attrs_define
class MyReferral:
    """What a referrer sees of a referral: the first name of the person, nothing else.

    Attributes:
        id (int):
        first_name (str):
        signed_up_on (str):
        status (str):
        reward_status (None | str):
        reward_amount (None | str):
    """

    id: int
    first_name: str
    signed_up_on: str
    status: str
    reward_status: None | str
    reward_amount: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        first_name = self.first_name

        signed_up_on = self.signed_up_on

        status = self.status

        reward_status: None | str
        reward_status = self.reward_status

        reward_amount: None | str
        reward_amount = self.reward_amount

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "first_name": first_name,
                "signed_up_on": signed_up_on,
                "status": status,
                "reward_status": reward_status,
                "reward_amount": reward_amount,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        first_name = d.pop("first_name")

        signed_up_on = d.pop("signed_up_on")

        status = d.pop("status")

        def _parse_reward_status(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reward_status = _parse_reward_status(d.pop("reward_status"))

        def _parse_reward_amount(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        reward_amount = _parse_reward_amount(d.pop("reward_amount"))

        my_referral = cls(
            id=id,
            first_name=first_name,
            signed_up_on=signed_up_on,
            status=status,
            reward_status=reward_status,
            reward_amount=reward_amount,
        )

        my_referral.additional_properties = d
        return my_referral

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
