from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.earn_rule_enum import EarnRuleEnum, check_earn_rule_enum
from ..types import UNSET, Unset

T = TypeVar("T", bound="ProgrammeRequest")


@_attrs_define
class ProgrammeRequest:
    """
    Attributes:
        name (str):
        starts_on (datetime.date):
        reward_amount (str):
        earn_rule (EarnRuleEnum): * `disbursed` - Referred loan disbursed
            * `first_installment_on_time` - Referred loan disbursed and its first installment paid on time
        monthly_cap_per_referrer (int):
        max_signups_per_ip (int):
        burst_count (int):
        burst_hours (int):
        is_active (bool | Unset):
        ends_on (datetime.date | None | Unset):
    """

    name: str
    starts_on: datetime.date
    reward_amount: str
    earn_rule: EarnRuleEnum
    monthly_cap_per_referrer: int
    max_signups_per_ip: int
    burst_count: int
    burst_hours: int
    is_active: bool | Unset = UNSET
    ends_on: datetime.date | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        starts_on = self.starts_on.isoformat()

        reward_amount = self.reward_amount

        earn_rule: str = self.earn_rule

        monthly_cap_per_referrer = self.monthly_cap_per_referrer

        max_signups_per_ip = self.max_signups_per_ip

        burst_count = self.burst_count

        burst_hours = self.burst_hours

        is_active = self.is_active

        ends_on: None | str | Unset
        if isinstance(self.ends_on, Unset):
            ends_on = UNSET
        elif isinstance(self.ends_on, datetime.date):
            ends_on = self.ends_on.isoformat()
        else:
            ends_on = self.ends_on

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "starts_on": starts_on,
                "reward_amount": reward_amount,
                "earn_rule": earn_rule,
                "monthly_cap_per_referrer": monthly_cap_per_referrer,
                "max_signups_per_ip": max_signups_per_ip,
                "burst_count": burst_count,
                "burst_hours": burst_hours,
            }
        )
        if is_active is not UNSET:
            field_dict["is_active"] = is_active
        if ends_on is not UNSET:
            field_dict["ends_on"] = ends_on

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        starts_on = datetime.date.fromisoformat(d.pop("starts_on"))

        reward_amount = d.pop("reward_amount")

        earn_rule = check_earn_rule_enum(d.pop("earn_rule"))

        monthly_cap_per_referrer = d.pop("monthly_cap_per_referrer")

        max_signups_per_ip = d.pop("max_signups_per_ip")

        burst_count = d.pop("burst_count")

        burst_hours = d.pop("burst_hours")

        is_active = d.pop("is_active", UNSET)

        def _parse_ends_on(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ends_on_type_0 = datetime.date.fromisoformat(data)

                return ends_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        ends_on = _parse_ends_on(d.pop("ends_on", UNSET))

        programme_request = cls(
            name=name,
            starts_on=starts_on,
            reward_amount=reward_amount,
            earn_rule=earn_rule,
            monthly_cap_per_referrer=monthly_cap_per_referrer,
            max_signups_per_ip=max_signups_per_ip,
            burst_count=burst_count,
            burst_hours=burst_hours,
            is_active=is_active,
            ends_on=ends_on,
        )

        programme_request.additional_properties = d
        return programme_request

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
