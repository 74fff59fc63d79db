from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.charge_kind_enum import ChargeKindEnum, check_charge_kind_enum
from ..models.charge_status_enum import ChargeStatusEnum, check_charge_status_enum

T = TypeVar("T", bound="Charge")


@_attrs_define
class Charge:
    """
    Attributes:
        id (int):
        loan (int):
        installment_number (int | None):
        due_date (datetime.date | None):
        kind (ChargeKindEnum): * `penal` - Penal charge
            * `fee` - Fee
        amount (str):
        charged_on (datetime.date):
        reason (str):
        status (ChargeStatusEnum): * `in_force` - In force
            * `reversed` - Reversed (void)
            * `waived` - Waived
        waived_amount (str):
        amount_in_force (str): What the borrower is charged now: the amount less waivers; 0 once reversed or waived.
        reversed_on (datetime.date | None):
        reversal_reason (str):
    """

    id: int
    loan: int
    installment_number: int | None
    due_date: datetime.date | None
    kind: ChargeKindEnum
    amount: str
    charged_on: datetime.date
    reason: str
    status: ChargeStatusEnum
    waived_amount: str
    amount_in_force: str
    reversed_on: datetime.date | None
    reversal_reason: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        loan = self.loan

        installment_number: int | None
        installment_number = self.installment_number

        due_date: None | str
        if isinstance(self.due_date, datetime.date):
            due_date = self.due_date.isoformat()
        else:
            due_date = self.due_date

        kind: str = self.kind

        amount = self.amount

        charged_on = self.charged_on.isoformat()

        reason = self.reason

        status: str = self.status

        waived_amount = self.waived_amount

        amount_in_force = self.amount_in_force

        reversed_on: None | str
        if isinstance(self.reversed_on, datetime.date):
            reversed_on = self.reversed_on.isoformat()
        else:
            reversed_on = self.reversed_on

        reversal_reason = self.reversal_reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "loan": loan,
                "installment_number": installment_number,
                "due_date": due_date,
                "kind": kind,
                "amount": amount,
                "charged_on": charged_on,
                "reason": reason,
                "status": status,
                "waived_amount": waived_amount,
                "amount_in_force": amount_in_force,
                "reversed_on": reversed_on,
                "reversal_reason": reversal_reason,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        loan = d.pop("loan")

        def _parse_installment_number(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        installment_number = _parse_installment_number(d.pop("installment_number"))

        def _parse_due_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                due_date_type_0 = datetime.date.fromisoformat(data)

                return due_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        due_date = _parse_due_date(d.pop("due_date"))

        kind = check_charge_kind_enum(d.pop("kind"))

        amount = d.pop("amount")

        charged_on = datetime.date.fromisoformat(d.pop("charged_on"))

        reason = d.pop("reason")

        status = check_charge_status_enum(d.pop("status"))

        waived_amount = d.pop("waived_amount")

        amount_in_force = d.pop("amount_in_force")

        def _parse_reversed_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                reversed_on_type_0 = datetime.date.fromisoformat(data)

                return reversed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        reversed_on = _parse_reversed_on(d.pop("reversed_on"))

        reversal_reason = d.pop("reversal_reason")

        charge = cls(
            id=id,
            loan=loan,
            installment_number=installment_number,
            due_date=due_date,
            kind=kind,
            amount=amount,
            charged_on=charged_on,
            reason=reason,
            status=status,
            waived_amount=waived_amount,
            amount_in_force=amount_in_force,
            reversed_on=reversed_on,
            reversal_reason=reversal_reason,
        )

        charge.additional_properties = d
        return charge

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
