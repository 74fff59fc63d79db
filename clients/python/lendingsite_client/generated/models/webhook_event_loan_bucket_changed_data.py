from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.webhook_event_loan_bucket_changed_data_loan import (
        WebhookEventLoanBucketChangedDataLoan,
    )


T = TypeVar("T", bound="WebhookEventLoanBucketChangedData")


@_attrs_define
class WebhookEventLoanBucketChangedData:
    """
    Attributes:
        loan (WebhookEventLoanBucketChangedDataLoan):
        from_bucket (str):
        to_bucket (str):
    """

    loan: WebhookEventLoanBucketChangedDataLoan
    from_bucket: str
    to_bucket: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        loan = self.loan.to_dict()

        from_bucket = self.from_bucket

        to_bucket = self.to_bucket

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "loan": loan,
                "from_bucket": from_bucket,
                "to_bucket": to_bucket,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhook_event_loan_bucket_changed_data_loan import (
            WebhookEventLoanBucketChangedDataLoan,  # noqa: PLC0415
        )

        d = dict(src_dict)
        loan = WebhookEventLoanBucketChangedDataLoan.from_dict(d.pop("loan"))

        from_bucket = d.pop("from_bucket")

        to_bucket = d.pop("to_bucket")

        webhook_event_loan_bucket_changed_data = cls(
            loan=loan,
            from_bucket=from_bucket,
            to_bucket=to_bucket,
        )

        webhook_event_loan_bucket_changed_data.additional_properties = d
        return webhook_event_loan_bucket_changed_data

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
