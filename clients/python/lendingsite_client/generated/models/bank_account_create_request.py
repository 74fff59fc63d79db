from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="BankAccountCreateRequest")


@_attrs_define
class BankAccountCreateRequest:
    """
    Attributes:
        holder_name (str):
        account_number (str):
        ifsc (str):
    """

    holder_name: str
    account_number: str
    ifsc: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        holder_name = self.holder_name

        account_number = self.account_number

        ifsc = self.ifsc

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "holder_name": holder_name,
                "account_number": account_number,
                "ifsc": ifsc,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        holder_name = d.pop("holder_name")

        account_number = d.pop("account_number")

        ifsc = d.pop("ifsc")

        bank_account_create_request = cls(
            holder_name=holder_name,
            account_number=account_number,
            ifsc=ifsc,
        )

        bank_account_create_request.additional_properties = d
        return bank_account_create_request

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
