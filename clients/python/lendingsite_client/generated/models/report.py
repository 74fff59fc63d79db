from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.report_flagged_by_reason import ReportFlaggedByReason


T = TypeVar("T", bound="Report")


@_attrs_define
class Report:
    """
    Attributes:
        referrals (int):
        converted (int):
        conversion_percent (str):
        rewards_pending (int):
        rewards_earned (int):
        rewards_paid (int):
        amount_paid (str):
        rewards_void (int):
        flagged (int):
        flagged_by_reason (ReportFlaggedByReason):
    """

    referrals: int
    converted: int
    conversion_percent: str
    rewards_pending: int
    rewards_earned: int
    rewards_paid: int
    amount_paid: str
    rewards_void: int
    flagged: int
    flagged_by_reason: ReportFlaggedByReason
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        referrals = self.referrals

        converted = self.converted

        conversion_percent = self.conversion_percent

        rewards_pending = self.rewards_pending

        rewards_earned = self.rewards_earned

        rewards_paid = self.rewards_paid

        amount_paid = self.amount_paid

        rewards_void = self.rewards_void

        flagged = self.flagged

        flagged_by_reason = self.flagged_by_reason.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "referrals": referrals,
                "converted": converted,
                "conversion_percent": conversion_percent,
                "rewards_pending": rewards_pending,
                "rewards_earned": rewards_earned,
                "rewards_paid": rewards_paid,
                "amount_paid": amount_paid,
                "rewards_void": rewards_void,
                "flagged": flagged,
                "flagged_by_reason": flagged_by_reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.report_flagged_by_reason import ReportFlaggedByReason  # noqa: PLC0415

        d = dict(src_dict)
        referrals = d.pop("referrals")

        converted = d.pop("converted")

        conversion_percent = d.pop("conversion_percent")

        rewards_pending = d.pop("rewards_pending")

        rewards_earned = d.pop("rewards_earned")

        rewards_paid = d.pop("rewards_paid")

        amount_paid = d.pop("amount_paid")

        rewards_void = d.pop("rewards_void")

        flagged = d.pop("flagged")

        flagged_by_reason = ReportFlaggedByReason.from_dict(d.pop("flagged_by_reason"))

        report = cls(
            referrals=referrals,
            converted=converted,
            conversion_percent=conversion_percent,
            rewards_pending=rewards_pending,
            rewards_earned=rewards_earned,
            rewards_paid=rewards_paid,
            amount_paid=amount_paid,
            rewards_void=rewards_void,
            flagged=flagged,
            flagged_by_reason=flagged_by_reason,
        )

        report.additional_properties = d
        return report

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
