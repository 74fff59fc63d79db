from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="VirtualAccount")


@_attrs_define
class VirtualAccount:
    """
    Attributes:
        id (int):
        loan (int):
        provider (str):
        account_number (str):
        ifsc (str):
        vpa (str):
        loan_reference (str):
        created_at (datetime.datetime):
    """

    id: int
    loan: int
    provider: str
    account_number: str
    ifsc: str
    vpa: str
    loan_reference: str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        loan = self.loan

        provider = self.provider

        account_number = self.account_number

        ifsc = self.ifsc

        vpa = self.vpa

        loan_reference = self.loan_reference

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "loan": loan,
                "provider": provider,
                "account_number": account_number,
                "ifsc": ifsc,
                "vpa": vpa,
                "loan_reference": loan_reference,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        loan = d.pop("loan")

        provider = d.pop("provider")

        account_number = d.pop("account_number")

        ifsc = d.pop("ifsc")

        vpa = d.pop("vpa")

        loan_reference = d.pop("loan_reference")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        virtual_account = cls(
            id=id,
            loan=loan,
            provider=provider,
            account_number=account_number,
            ifsc=ifsc,
            vpa=vpa,
            loan_reference=loan_reference,
            created_at=created_at,
        )

        virtual_account.additional_properties = d
        return virtual_account

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
