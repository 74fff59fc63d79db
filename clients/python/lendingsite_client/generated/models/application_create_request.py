from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="ApplicationCreateRequest")


@_attrs_define
class ApplicationCreateRequest:
    """
    Attributes:
        product (str):
        amount (str):
        tenure (int):
        purpose (str):
        monthly_income (str):
        borrower (int | Unset): Loan officers only: the borrower applied for (default: yourself).
        existing_emis (str | Unset):
    """

    product: str
    amount: str
    tenure: int
    purpose: str
    monthly_income: str
    borrower: int | Unset = UNSET
    existing_emis: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        product = self.product

        amount = self.amount

        tenure = self.tenure

        purpose = self.purpose

        monthly_income = self.monthly_income

        borrower = self.borrower

        existing_emis = self.existing_emis

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "product": product,
                "amount": amount,
                "tenure": tenure,
                "purpose": purpose,
                "monthly_income": monthly_income,
            }
        )
        if borrower is not UNSET:
            field_dict["borrower"] = borrower
        if existing_emis is not UNSET:
            field_dict["existing_emis"] = existing_emis

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        product = d.pop("product")

        amount = d.pop("amount")

        tenure = d.pop("tenure")

        purpose = d.pop("purpose")

        monthly_income = d.pop("monthly_income")

        borrower = d.pop("borrower", UNSET)

        existing_emis = d.pop("existing_emis", UNSET)

        application_create_request = cls(
            product=product,
            amount=amount,
            tenure=tenure,
            purpose=purpose,
            monthly_income=monthly_income,
            borrower=borrower,
            existing_emis=existing_emis,
        )

        application_create_request.additional_properties = d
        return application_create_request

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
