from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="TrialBalanceAccount")


@_attrs_define
class TrialBalanceAccount:
    """
    Attributes:
        code (str):
        name (str):
        kind (str):
        debit (str):
        credit (str):
    """

    code: str
    name: str
    kind: str
    debit: str
    credit: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        name = self.name

        kind = self.kind

        debit = self.debit

        credit = self.credit

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "name": name,
                "kind": kind,
                "debit": debit,
                "credit": credit,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        name = d.pop("name")

        kind = d.pop("kind")

        debit = d.pop("debit")

        credit = d.pop("credit")

        trial_balance_account = cls(
            code=code,
            name=name,
            kind=kind,
            debit=debit,
            credit=credit,
        )

        trial_balance_account.additional_properties = d
        return trial_balance_account

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
