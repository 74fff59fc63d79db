from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.trial_balance_account import TrialBalanceAccount


T = TypeVar("T", bound="TrialBalance")


@_attrs_define
class TrialBalance:
    """
    Attributes:
        as_of (datetime.date):
        accounts (list[TrialBalanceAccount]):
        total_debit (str):
        total_credit (str):
        balanced (bool):
    """

    as_of: datetime.date
    accounts: list[TrialBalanceAccount]
    total_debit: str
    total_credit: str
    balanced: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of.isoformat()

        accounts = []
        for accounts_item_data in self.accounts:
            accounts_item = accounts_item_data.to_dict()
            accounts.append(accounts_item)

        total_debit = self.total_debit

        total_credit = self.total_credit

        balanced = self.balanced

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "as_of": as_of,
                "accounts": accounts,
                "total_debit": total_debit,
                "total_credit": total_credit,
                "balanced": balanced,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.trial_balance_account import TrialBalanceAccount  # noqa: PLC0415

        d = dict(src_dict)
        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        accounts = []
        _accounts = d.pop("accounts")
        for accounts_item_data in _accounts:
            accounts_item = TrialBalanceAccount.from_dict(accounts_item_data)

            accounts.append(accounts_item)

        total_debit = d.pop("total_debit")

        total_credit = d.pop("total_credit")

        balanced = d.pop("balanced")

        trial_balance = cls(
            as_of=as_of,
            accounts=accounts,
            total_debit=total_debit,
            total_credit=total_credit,
            balanced=balanced,
        )

        trial_balance.additional_properties = d
        return trial_balance

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
