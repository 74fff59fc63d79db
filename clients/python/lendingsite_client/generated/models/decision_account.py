from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="DecisionAccount")


@_attrs_define
class DecisionAccount:
    """
    Attributes:
        id (int):
        holder_name (str):
        account_number (str): masked: the last 4 digits
        ifsc (str):
        bank (str):
        status (str):
        status_reason (str):
    """

    id: int
    holder_name: str
    account_number: str
    ifsc: str
    bank: str
    status: str
    status_reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        holder_name = self.holder_name

        account_number = self.account_number

        ifsc = self.ifsc

        bank = self.bank

        status = self.status

        status_reason = self.status_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "holder_name": holder_name,
                "account_number": account_number,
                "ifsc": ifsc,
                "bank": bank,
                "status": status,
                "status_reason": status_reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        holder_name = d.pop("holder_name")

        account_number = d.pop("account_number")

        ifsc = d.pop("ifsc")

        bank = d.pop("bank")

        status = d.pop("status")

        status_reason = d.pop("status_reason")

        decision_account = cls(
            id=id,
            holder_name=holder_name,
            account_number=account_number,
            ifsc=ifsc,
            bank=bank,
            status=status,
            status_reason=status_reason,
        )

        decision_account.additional_properties = d
        return decision_account

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
