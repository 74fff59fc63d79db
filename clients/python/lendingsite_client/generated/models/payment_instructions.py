from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="PaymentInstructions")


@_attrs_define
class PaymentInstructions:
    """
    Attributes:
        upi_id (str):
        account_name (str):
        account_number (str):
        ifsc (str):
        bank_name (str):
        remarks (str): write this in the transfer's remarks
    """

    upi_id: str
    account_name: str
    account_number: str
    ifsc: str
    bank_name: str
    remarks: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        upi_id = self.upi_id

        account_name = self.account_name

        account_number = self.account_number

        ifsc = self.ifsc

        bank_name = self.bank_name

        remarks = self.remarks

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "upi_id": upi_id,
                "account_name": account_name,
                "account_number": account_number,
                "ifsc": ifsc,
                "bank_name": bank_name,
                "remarks": remarks,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        upi_id = d.pop("upi_id")

        account_name = d.pop("account_name")

        account_number = d.pop("account_number")

        ifsc = d.pop("ifsc")

        bank_name = d.pop("bank_name")

        remarks = d.pop("remarks")

        payment_instructions = cls(
            upi_id=upi_id,
            account_name=account_name,
            account_number=account_number,
            ifsc=ifsc,
            bank_name=bank_name,
            remarks=remarks,
        )

        payment_instructions.additional_properties = d
        return payment_instructions

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
