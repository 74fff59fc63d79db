from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WebhookEventApplicationApprovedDataApplication")


@_attrs_define
class WebhookEventApplicationApprovedDataApplication:
    """
    Attributes:
        id (int):
        status (str):
        borrower (int):
        product (int):
        amount (str):  Example: 1000.00.
        tenure (int):
    """

    id: int
    status: str
    borrower: int
    product: int
    amount: str
    tenure: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status

        borrower = self.borrower

        product = self.product

        amount = self.amount

        tenure = self.tenure

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "borrower": borrower,
                "product": product,
                "amount": amount,
                "tenure": tenure,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        status = d.pop("status")

        borrower = d.pop("borrower")

        product = d.pop("product")

        amount = d.pop("amount")

        tenure = d.pop("tenure")

        webhook_event_application_approved_data_application = cls(
            id=id,
            status=status,
            borrower=borrower,
            product=product,
            amount=amount,
            tenure=tenure,
        )

        webhook_event_application_approved_data_application.additional_properties = d
        return webhook_event_application_approved_data_application

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
