from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.webhook_event_payment_posted_data_loan_after import (
        WebhookEventPaymentPostedDataLoanAfter,
    )
    from ..models.webhook_event_payment_posted_data_payment import (
        WebhookEventPaymentPostedDataPayment,
    )


T = TypeVar("T", bound="WebhookEventPaymentPostedData")


@_attrs_define
class WebhookEventPaymentPostedData:
    """
    Attributes:
        payment (WebhookEventPaymentPostedDataPayment):
        loan_after (WebhookEventPaymentPostedDataLoanAfter):
    """

    payment: WebhookEventPaymentPostedDataPayment
    loan_after: WebhookEventPaymentPostedDataLoanAfter
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        payment = self.payment.to_dict()

        loan_after = self.loan_after.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "payment": payment,
                "loan_after": loan_after,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhook_event_payment_posted_data_loan_after import (
            WebhookEventPaymentPostedDataLoanAfter,  # noqa: PLC0415
        )
        from ..models.webhook_event_payment_posted_data_payment import (
            WebhookEventPaymentPostedDataPayment,  # noqa: PLC0415
        )

        d = dict(src_dict)
        payment = WebhookEventPaymentPostedDataPayment.from_dict(d.pop("payment"))

        loan_after = WebhookEventPaymentPostedDataLoanAfter.from_dict(d.pop("loan_after"))

        webhook_event_payment_posted_data = cls(
            payment=payment,
            loan_after=loan_after,
        )

        webhook_event_payment_posted_data.additional_properties = d
        return webhook_event_payment_posted_data

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
