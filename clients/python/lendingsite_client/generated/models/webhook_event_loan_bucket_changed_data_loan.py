from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WebhookEventLoanBucketChangedDataLoan")


@_attrs_define
class WebhookEventLoanBucketChangedDataLoan:
    """
    Attributes:
        id (int):
        dpd (int):
        bucket (str):
    """

    id: int
    dpd: int
    bucket: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        dpd = self.dpd

        bucket = self.bucket

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "dpd": dpd,
                "bucket": bucket,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        dpd = d.pop("dpd")

        bucket = d.pop("bucket")

        webhook_event_loan_bucket_changed_data_loan = cls(
            id=id,
            dpd=dpd,
            bucket=bucket,
        )

        webhook_event_loan_bucket_changed_data_loan.additional_properties = d
        return webhook_event_loan_bucket_changed_data_loan

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
