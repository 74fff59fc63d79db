from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.waiver_status_enum import WaiverStatusEnum, check_waiver_status_enum

if TYPE_CHECKING:
    from ..models.waiver_charge import WaiverCharge


T = TypeVar("T", bound="Waiver")


@_attrs_define
class Waiver:
    """
    Attributes:
        id (int):
        charge (WaiverCharge): The waived charge as it stands (after an approval: its lower amount in force).
        loan (int):
        amount (str):
        reason (str):
        status (WaiverStatusEnum): * `proposed` - Awaiting approval
            * `approved` - Approved
            * `rejected` - Rejected Default: 'proposed'.
        proposed_by (int):
        proposed_on (datetime.date):
        decided_by (int | None):
        decided_on (datetime.date | None):
        decision_note (str):
    """

    id: int
    charge: WaiverCharge
    loan: int
    amount: str
    reason: str
    proposed_by: int
    proposed_on: datetime.date
    decided_by: int | None
    decided_on: datetime.date | None
    decision_note: str
    status: WaiverStatusEnum = "proposed"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        charge = self.charge.to_dict()

        loan = self.loan

        amount = self.amount

        reason = self.reason

        status: str = self.status

        proposed_by = self.proposed_by

        proposed_on = self.proposed_on.isoformat()

        decided_by: int | None
        decided_by = self.decided_by

        decided_on: None | str
        if isinstance(self.decided_on, datetime.date):
            decided_on = self.decided_on.isoformat()
        else:
            decided_on = self.decided_on

        decision_note = self.decision_note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "charge": charge,
                "loan": loan,
                "amount": amount,
                "reason": reason,
                "status": status,
                "proposed_by": proposed_by,
                "proposed_on": proposed_on,
                "decided_by": decided_by,
                "decided_on": decided_on,
                "decision_note": decision_note,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.waiver_charge import WaiverCharge  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        charge = WaiverCharge.from_dict(d.pop("charge"))

        loan = d.pop("loan")

        amount = d.pop("amount")

        reason = d.pop("reason")

        status = check_waiver_status_enum(d.pop("status"))

        proposed_by = d.pop("proposed_by")

        proposed_on = datetime.date.fromisoformat(d.pop("proposed_on"))

        def _parse_decided_by(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        decided_by = _parse_decided_by(d.pop("decided_by"))

        def _parse_decided_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_on_type_0 = datetime.date.fromisoformat(data)

                return decided_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        decided_on = _parse_decided_on(d.pop("decided_on"))

        decision_note = d.pop("decision_note")

        waiver = cls(
            id=id,
            charge=charge,
            loan=loan,
            amount=amount,
            reason=reason,
            status=status,
            proposed_by=proposed_by,
            proposed_on=proposed_on,
            decided_by=decided_by,
            decided_on=decided_on,
            decision_note=decision_note,
        )

        waiver.additional_properties = d
        return waiver

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
