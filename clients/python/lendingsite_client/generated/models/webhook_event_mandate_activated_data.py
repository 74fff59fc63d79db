from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.webhook_event_mandate_activated_data_mandate import (
        WebhookEventMandateActivatedDataMandate,
    )


T = TypeVar("T", bound="WebhookEventMandateActivatedData")


@_attrs_define
class WebhookEventMandateActivatedData:
    """
    Attributes:
        mandate (WebhookEventMandateActivatedDataMandate):
    """

    mandate: WebhookEventMandateActivatedDataMandate
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        mandate = self.mandate.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "mandate": mandate,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhook_event_mandate_activated_data_mandate import (
            WebhookEventMandateActivatedDataMandate,  # noqa: PLC0415
        )

        d = dict(src_dict)
        mandate = WebhookEventMandateActivatedDataMandate.from_dict(d.pop("mandate"))

        webhook_event_mandate_activated_data = cls(
            mandate=mandate,
        )

        webhook_event_mandate_activated_data.additional_properties = d
        return webhook_event_mandate_activated_data

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
