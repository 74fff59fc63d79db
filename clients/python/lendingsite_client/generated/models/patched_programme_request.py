from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.earn_rule_enum import EarnRuleEnum, check_earn_rule_enum
from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedProgrammeRequest")


@_attrs_define
class PatchedProgrammeRequest:
    """
    Attributes:
        name (str | Unset):
        is_active (bool | Unset):
        starts_on (datetime.date | Unset):
        ends_on (datetime.date | None | Unset):
        reward_amount (str | Unset):
        earn_rule (EarnRuleEnum | Unset): * `disbursed` - Referred loan disbursed
            * `first_installment_on_time` - Referred loan disbursed and its first installment paid on time
        monthly_cap_per_referrer (int | Unset):
        max_signups_per_ip (int | Unset):
        burst_count (int | Unset):
        burst_hours (int | Unset):
    """

    name: str | Unset = UNSET
    is_active: bool | Unset = UNSET
    starts_on: datetime.date | Unset = UNSET
    ends_on: datetime.date | None | Unset = UNSET
    reward_amount: str | Unset = UNSET
    earn_rule: EarnRuleEnum | Unset = UNSET
    monthly_cap_per_referrer: int | Unset = UNSET
    max_signups_per_ip: int | Unset = UNSET
    burst_count: int | Unset = UNSET
    burst_hours: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        is_active = self.is_active

        starts_on: str | Unset = UNSET
        if not isinstance(self.starts_on, Unset):
            starts_on = self.starts_on.isoformat()

        ends_on: None | str | Unset
        if isinstance(self.ends_on, Unset):
            ends_on = UNSET
        elif isinstance(self.ends_on, datetime.date):
            ends_on = self.ends_on.isoformat()
        else:
            ends_on = self.ends_on

        reward_amount = self.reward_amount

        earn_rule: str | Unset = UNSET
        if not isinstance(self.earn_rule, Unset):
            earn_rule = self.earn_rule

        monthly_cap_per_referrer = self.monthly_cap_per_referrer

        max_signups_per_ip = self.max_signups_per_ip

        burst_count = self.burst_count

        burst_hours = self.burst_hours

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name is not UNSET:
            field_dict["name"] = name
        if is_active is not UNSET:
            field_dict["is_active"] = is_active
        if starts_on is not UNSET:
            field_dict["starts_on"] = starts_on
        if ends_on is not UNSET:
            field_dict["ends_on"] = ends_on
        if reward_amount is not UNSET:
            field_dict["reward_amount"] = reward_amount
        if earn_rule is not UNSET:
            field_dict["earn_rule"] = earn_rule
        if monthly_cap_per_referrer is not UNSET:
            field_dict["monthly_cap_per_referrer"] = monthly_cap_per_referrer
        if max_signups_per_ip is not UNSET:
            field_dict["max_signups_per_ip"] = max_signups_per_ip
        if burst_count is not UNSET:
            field_dict["burst_count"] = burst_count
        if burst_hours is not UNSET:
            field_dict["burst_hours"] = burst_hours

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name", UNSET)

        is_active = d.pop("is_active", UNSET)

        _starts_on = d.pop("starts_on", UNSET)
        starts_on: datetime.date | Unset
        if isinstance(_starts_on, Unset):
            starts_on = UNSET
        else:
            starts_on = datetime.date.fromisoformat(_starts_on)

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

        reward_amount = d.pop("reward_amount", UNSET)

        _earn_rule = d.pop("earn_rule", UNSET)
        earn_rule: EarnRuleEnum | Unset
        if isinstance(_earn_rule, Unset):
            earn_rule = UNSET
        else:
            earn_rule = check_earn_rule_enum(_earn_rule)

        monthly_cap_per_referrer = d.pop("monthly_cap_per_referrer", UNSET)

        max_signups_per_ip = d.pop("max_signups_per_ip", UNSET)

        burst_count = d.pop("burst_count", UNSET)

        burst_hours = d.pop("burst_hours", UNSET)

        patched_programme_request = cls(
            name=name,
            is_active=is_active,
            starts_on=starts_on,
            ends_on=ends_on,
            reward_amount=reward_amount,
            earn_rule=earn_rule,
            monthly_cap_per_referrer=monthly_cap_per_referrer,
            max_signups_per_ip=max_signups_per_ip,
            burst_count=burst_count,
            burst_hours=burst_hours,
        )

        patched_programme_request.additional_properties = d
        return patched_programme_request

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
