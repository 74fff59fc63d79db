from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.webhook_event_charge_levied_data_charge import WebhookEventChargeLeviedDataCharge


T = TypeVar("T", bound="WebhookEventChargeLeviedData")


@_attrs_define
class WebhookEventChargeLeviedData:
    """
    Attributes:
        charge (WebhookEventChargeLeviedDataCharge):
    """

    charge: WebhookEventChargeLeviedDataCharge
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        charge = self.charge.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "charge": charge,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhook_event_charge_levied_data_charge import (
            WebhookEventChargeLeviedDataCharge,  # noqa: PLC0415
        )

        d = dict(src_dict)
        charge = WebhookEventChargeLeviedDataCharge.from_dict(d.pop("charge"))

        webhook_event_charge_levied_data = cls(
            charge=charge,
        )

        webhook_event_charge_levied_data.additional_properties = d
        return webhook_event_charge_levied_data

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
