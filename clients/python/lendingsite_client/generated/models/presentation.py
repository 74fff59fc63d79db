from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.presentation_status_enum import PresentationStatusEnum, check_presentation_status_enum

T = TypeVar("T", bound="Presentation")


@_attrs_define
class Presentation:
    """
    Attributes:
        id (int):
        reference (str):
        loan (int):
        mandate (int):
        batch (int | None):
        adapter (str):
        due_date (datetime.date):
        attempt (int):  Default: 1.
        amount (str):
        status (PresentationStatusEnum): * `scheduled` - Scheduled to present again
            * `presented` - Presented, waiting for the result
            * `succeeded` - Debited
            * `bounced` - Bounced
            * `skipped` - Not presented (paid or mandate stopped)
        presented_on (datetime.date | None):
        scheduled_on (datetime.date | None):
        result_on (datetime.date | None):
        reason_code (str):
        payment (int | None):
        charge (int | None):
    """

    id: int
    reference: str
    loan: int
    mandate: int
    batch: int | None
    adapter: str
    due_date: datetime.date
    amount: str
    status: PresentationStatusEnum
    presented_on: datetime.date | None
    scheduled_on: datetime.date | None
    result_on: datetime.date | None
    reason_code: str
    payment: int | None
    charge: int | None
    attempt: int = 1
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        reference = self.reference

        loan = self.loan

        mandate = self.mandate

        batch: int | None
        batch = self.batch

        adapter = self.adapter

        due_date = self.due_date.isoformat()

        attempt = self.attempt

        amount = self.amount

        status: str = self.status

        presented_on: None | str
        if isinstance(self.presented_on, datetime.date):
            presented_on = self.presented_on.isoformat()
        else:
            presented_on = self.presented_on

        scheduled_on: None | str
        if isinstance(self.scheduled_on, datetime.date):
            scheduled_on = self.scheduled_on.isoformat()
        else:
            scheduled_on = self.scheduled_on

        result_on: None | str
        if isinstance(self.result_on, datetime.date):
            result_on = self.result_on.isoformat()
        else:
            result_on = self.result_on

        reason_code = self.reason_code

        payment: int | None
        payment = self.payment

        charge: int | None
        charge = self.charge

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "reference": reference,
                "loan": loan,
                "mandate": mandate,
                "batch": batch,
                "adapter": adapter,
                "due_date": due_date,
                "attempt": attempt,
                "amount": amount,
                "status": status,
                "presented_on": presented_on,
                "scheduled_on": scheduled_on,
                "result_on": result_on,
                "reason_code": reason_code,
                "payment": payment,
                "charge": charge,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        reference = d.pop("reference")

        loan = d.pop("loan")

        mandate = d.pop("mandate")

        def _parse_batch(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        batch = _parse_batch(d.pop("batch"))

        adapter = d.pop("adapter")

        due_date = datetime.date.fromisoformat(d.pop("due_date"))

        attempt = d.pop("attempt")

        amount = d.pop("amount")

        status = check_presentation_status_enum(d.pop("status"))

        def _parse_presented_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                presented_on_type_0 = datetime.date.fromisoformat(data)

                return presented_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        presented_on = _parse_presented_on(d.pop("presented_on"))

        def _parse_scheduled_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                scheduled_on_type_0 = datetime.date.fromisoformat(data)

                return scheduled_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        scheduled_on = _parse_scheduled_on(d.pop("scheduled_on"))

        def _parse_result_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                result_on_type_0 = datetime.date.fromisoformat(data)

                return result_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        result_on = _parse_result_on(d.pop("result_on"))

        reason_code = d.pop("reason_code")

        def _parse_payment(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        payment = _parse_payment(d.pop("payment"))

        def _parse_charge(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        charge = _parse_charge(d.pop("charge"))

        presentation = cls(
            id=id,
            reference=reference,
            loan=loan,
            mandate=mandate,
            batch=batch,
            adapter=adapter,
            due_date=due_date,
            attempt=attempt,
            amount=amount,
            status=status,
            presented_on=presented_on,
            scheduled_on=scheduled_on,
            result_on=result_on,
            reason_code=reason_code,
            payment=payment,
            charge=charge,
        )

        presentation.additional_properties = d
        return presentation

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
