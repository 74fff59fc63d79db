from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.webhook_event_payment_reversed_data_loan_after import (
        WebhookEventPaymentReversedDataLoanAfter,
    )
    from ..models.webhook_event_payment_reversed_data_payment import (
        WebhookEventPaymentReversedDataPayment,
    )


T = TypeVar("T", bound="WebhookEventPaymentReversedData")


@_attrs_define
class WebhookEventPaymentReversedData:
    """
    Attributes:
        payment (WebhookEventPaymentReversedDataPayment):
        reason (str):
        loan_after (WebhookEventPaymentReversedDataLoanAfter):
    """

    payment: WebhookEventPaymentReversedDataPayment
    reason: str
    loan_after: WebhookEventPaymentReversedDataLoanAfter
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        payment = self.payment.to_dict()

        reason = self.reason

        loan_after = self.loan_after.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "payment": payment,
                "reason": reason,
                "loan_after": loan_after,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.webhook_event_payment_reversed_data_loan_after import (
            WebhookEventPaymentReversedDataLoanAfter,  # noqa: PLC0415
        )
        from ..models.webhook_event_payment_reversed_data_payment import (
            WebhookEventPaymentReversedDataPayment,  # noqa: PLC0415
        )

        d = dict(src_dict)
        payment = WebhookEventPaymentReversedDataPayment.from_dict(d.pop("payment"))

        reason = d.pop("reason")

        loan_after = WebhookEventPaymentReversedDataLoanAfter.from_dict(d.pop("loan_after"))

        webhook_event_payment_reversed_data = cls(
            payment=payment,
            reason=reason,
            loan_after=loan_after,
        )

        webhook_event_payment_reversed_data.additional_properties = d
        return webhook_event_payment_reversed_data

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
