from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.installment_status_enum import InstallmentStatusEnum, check_installment_status_enum

T = TypeVar("T", bound="Installment")


@_attrs_define
class Installment:
    """
    Attributes:
        number (int):
        due_date (datetime.date):
        principal (str):
        interest (str):
        penal (str):
        fees (str):
        total (str):
        paid (str):
        outstanding (str):
        balance (str):
        paid_on (datetime.date | None):
        status (InstallmentStatusEnum): * `due` - Due
            * `paid` - Paid
            * `partially_paid` - Partly paid
            * `overdue` - Overdue
    """

    number: int
    due_date: datetime.date
    principal: str
    interest: str
    penal: str
    fees: str
    total: str
    paid: str
    outstanding: str
    balance: str
    paid_on: datetime.date | None
    status: InstallmentStatusEnum
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        number = self.number

        due_date = self.due_date.isoformat()

        principal = self.principal

        interest = self.interest

        penal = self.penal

        fees = self.fees

        total = self.total

        paid = self.paid

        outstanding = self.outstanding

        balance = self.balance

        paid_on: None | str
        if isinstance(self.paid_on, datetime.date):
            paid_on = self.paid_on.isoformat()
        else:
            paid_on = self.paid_on

        status: str = self.status

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "number": number,
                "due_date": due_date,
                "principal": principal,
                "interest": interest,
                "penal": penal,
                "fees": fees,
                "total": total,
                "paid": paid,
                "outstanding": outstanding,
                "balance": balance,
                "paid_on": paid_on,
                "status": status,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        number = d.pop("number")

        due_date = datetime.date.fromisoformat(d.pop("due_date"))

        principal = d.pop("principal")

        interest = d.pop("interest")

        penal = d.pop("penal")

        fees = d.pop("fees")

        total = d.pop("total")

        paid = d.pop("paid")

        outstanding = d.pop("outstanding")

        balance = d.pop("balance")

        def _parse_paid_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                paid_on_type_0 = datetime.date.fromisoformat(data)

                return paid_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        paid_on = _parse_paid_on(d.pop("paid_on"))

        status = check_installment_status_enum(d.pop("status"))

        installment = cls(
            number=number,
            due_date=due_date,
            principal=principal,
            interest=interest,
            penal=penal,
            fees=fees,
            total=total,
            paid=paid,
            outstanding=outstanding,
            balance=balance,
            paid_on=paid_on,
            status=status,
        )

        installment.additional_properties = d
        return installment

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
