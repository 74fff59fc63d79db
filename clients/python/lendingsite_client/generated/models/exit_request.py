from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.exit_status_enum import ExitStatusEnum, check_exit_status_enum

if TYPE_CHECKING:
    from ..models.exit_amount import ExitAmount
    from ..models.payment_instructions import PaymentInstructions


T = TypeVar("T", bound="ExitRequest")


@_attrs_define
class ExitRequest:
    """
    Attributes:
        id (int):
        loan (int):
        status (ExitStatusEnum): * `open` - Open (waiting for the money)
            * `completed` - Completed (loan cancelled)
            * `lapsed` - Lapsed (not paid by the date) Default: 'open'.
        requested_on (datetime.date):
        pay_by (datetime.date):
        principal (str):
        interest (str):
        amount (str):
        reference (str): the reference to quote
        amounts_by_date (list[ExitAmount]): while open: what exiting costs if the money arrives on each day until pay_by
        payment_instructions (PaymentInstructions):
        payment (int | None):
        completed_on (datetime.date | None):
        lapsed_on (datetime.date | None):
        created_at (datetime.datetime):
    """

    id: int
    loan: int
    requested_on: datetime.date
    pay_by: datetime.date
    principal: str
    interest: str
    amount: str
    reference: str
    amounts_by_date: list[ExitAmount]
    payment_instructions: PaymentInstructions
    payment: int | None
    completed_on: datetime.date | None
    lapsed_on: datetime.date | None
    created_at: datetime.datetime
    status: ExitStatusEnum = "open"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        loan = self.loan

        status: str = self.status

        requested_on = self.requested_on.isoformat()

        pay_by = self.pay_by.isoformat()

        principal = self.principal

        interest = self.interest

        amount = self.amount

        reference = self.reference

        amounts_by_date = []
        for amounts_by_date_item_data in self.amounts_by_date:
            amounts_by_date_item = amounts_by_date_item_data.to_dict()
            amounts_by_date.append(amounts_by_date_item)

        payment_instructions = self.payment_instructions.to_dict()

        payment: int | None
        payment = self.payment

        completed_on: None | str
        if isinstance(self.completed_on, datetime.date):
            completed_on = self.completed_on.isoformat()
        else:
            completed_on = self.completed_on

        lapsed_on: None | str
        if isinstance(self.lapsed_on, datetime.date):
            lapsed_on = self.lapsed_on.isoformat()
        else:
            lapsed_on = self.lapsed_on

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "loan": loan,
                "status": status,
                "requested_on": requested_on,
                "pay_by": pay_by,
                "principal": principal,
                "interest": interest,
                "amount": amount,
                "reference": reference,
                "amounts_by_date": amounts_by_date,
                "payment_instructions": payment_instructions,
                "payment": payment,
                "completed_on": completed_on,
                "lapsed_on": lapsed_on,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.exit_amount import ExitAmount  # noqa: PLC0415
        from ..models.payment_instructions import PaymentInstructions  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        loan = d.pop("loan")

        status = check_exit_status_enum(d.pop("status"))

        requested_on = datetime.date.fromisoformat(d.pop("requested_on"))

        pay_by = datetime.date.fromisoformat(d.pop("pay_by"))

        principal = d.pop("principal")

        interest = d.pop("interest")

        amount = d.pop("amount")

        reference = d.pop("reference")

        amounts_by_date = []
        _amounts_by_date = d.pop("amounts_by_date")
        for amounts_by_date_item_data in _amounts_by_date:
            amounts_by_date_item = ExitAmount.from_dict(amounts_by_date_item_data)

            amounts_by_date.append(amounts_by_date_item)

        payment_instructions = PaymentInstructions.from_dict(d.pop("payment_instructions"))

        def _parse_payment(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        payment = _parse_payment(d.pop("payment"))

        def _parse_completed_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                completed_on_type_0 = datetime.date.fromisoformat(data)

                return completed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        completed_on = _parse_completed_on(d.pop("completed_on"))

        def _parse_lapsed_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                lapsed_on_type_0 = datetime.date.fromisoformat(data)

                return lapsed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        lapsed_on = _parse_lapsed_on(d.pop("lapsed_on"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        exit_request = cls(
            id=id,
            loan=loan,
            status=status,
            requested_on=requested_on,
            pay_by=pay_by,
            principal=principal,
            interest=interest,
            amount=amount,
            reference=reference,
            amounts_by_date=amounts_by_date,
            payment_instructions=payment_instructions,
            payment=payment,
            completed_on=completed_on,
            lapsed_on=lapsed_on,
            created_at=created_at,
        )

        exit_request.additional_properties = d
        return exit_request

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
