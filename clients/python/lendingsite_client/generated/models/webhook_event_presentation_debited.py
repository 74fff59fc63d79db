from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.webhook_event_presentation_debited_type import (
    WebhookEventPresentationDebitedType,
    check_webhook_event_presentation_debited_type,
)
from ..models.webhook_event_presentation_debited_version import (
    WebhookEventPresentationDebitedVersion,
    check_webhook_event_presentation_debited_version,
)

if TYPE_CHECKING:
    from ..models.webhook_event_presentation_debited_data import WebhookEventPresentationDebitedData


T = TypeVar("T", bound="WebhookEventPresentationDebited")


@_attrs_define
class WebhookEventPresentationDebited:
    """Webhook `presentation.debited` (version 1). Sent as the POST body with Standard Webhooks headers webhook-id (= id),
    webhook-timestamp and webhook-signature (docs/webhooks.md).

        Attributes:
            id (str):  Example: evt_9f0c4c1e2b8a4f7e9a3d5b6c7d8e9f01.
            type_ (WebhookEventPresentationDebitedType):
            version (WebhookEventPresentationDebitedVersion):
            timestamp (datetime.datetime):
            business_date (datetime.date):
            sequence (int):
            loan (int | None):
            data (WebhookEventPresentationDebitedData):
    """

    id: str
    type_: WebhookEventPresentationDebitedType
    version: WebhookEventPresentationDebitedVersion
    timestamp: datetime.datetime
    business_date: datetime.date
    sequence: int
    loan: int | None
    data: WebhookEventPresentationDebitedData
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        type_: str = self.type_

        version: int = self.version

        timestamp = self.timestamp.isoformat()

        business_date = self.business_date.isoformat()

        sequence = self.sequence

        loan: int | None
        loan = self.loan

        data = self.data.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "type": type_,
                "version": version,
                "timestamp": timestamp,
                "business_date": business_date,
                "sequence": sequence,
                "loan": loan,
                "data": data,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhook_event_presentation_debited_data import (
            WebhookEventPresentationDebitedData,  # noqa: PLC0415
        )

        d = dict(src_dict)
        id = d.pop("id")

        type_ = check_webhook_event_presentation_debited_type(d.pop("type"))

        version = check_webhook_event_presentation_debited_version(d.pop("version"))

        timestamp = datetime.datetime.fromisoformat(d.pop("timestamp"))

        business_date = datetime.date.fromisoformat(d.pop("business_date"))

        sequence = d.pop("sequence")

        def _parse_loan(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        loan = _parse_loan(d.pop("loan"))

        data = WebhookEventPresentationDebitedData.from_dict(d.pop("data"))

        webhook_event_presentation_debited = cls(
            id=id,
            type_=type_,
            version=version,
            timestamp=timestamp,
            business_date=business_date,
            sequence=sequence,
            loan=loan,
            data=data,
        )

        webhook_event_presentation_debited.additional_properties = d
        return webhook_event_presentation_debited

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
