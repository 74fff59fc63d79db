from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WebhookEventPaymentReversedDataLoanAfter")


@_attrs_define
class WebhookEventPaymentReversedDataLoanAfter:
    """
    Attributes:
        id (int):
        status (str):
        principal_outstanding (None | str):  Example: 1000.00.
        total_outstanding (None | str):  Example: 1000.00.
    """

    id: int
    status: str
    principal_outstanding: None | str
    total_outstanding: None | str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status

        principal_outstanding: None | str
        principal_outstanding = self.principal_outstanding

        total_outstanding: None | str
        total_outstanding = self.total_outstanding

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "principal_outstanding": principal_outstanding,
                "total_outstanding": total_outstanding,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        status = d.pop("status")

        def _parse_principal_outstanding(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        principal_outstanding = _parse_principal_outstanding(d.pop("principal_outstanding"))

        def _parse_total_outstanding(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        total_outstanding = _parse_total_outstanding(d.pop("total_outstanding"))

        webhook_event_payment_reversed_data_loan_after = cls(
            id=id,
            status=status,
            principal_outstanding=principal_outstanding,
            total_outstanding=total_outstanding,
        )

        webhook_event_payment_reversed_data_loan_after.additional_properties = d
        return webhook_event_payment_reversed_data_loan_after

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
