from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.reschedule_kind_enum import RescheduleKindEnum, check_reschedule_kind_enum
from ..models.reschedule_status_enum import RescheduleStatusEnum, check_reschedule_status_enum

if TYPE_CHECKING:
    from ..models.reschedule_row import RescheduleRow


T = TypeVar("T", bound="Reschedule")


@_attrs_define
class Reschedule:
    """
    Attributes:
        id (int):
        loan (int):
        kind (RescheduleKindEnum): * `restructure` - Restructure
            * `moratorium` - Moratorium (payment holiday)
        status (RescheduleStatusEnum): * `awaiting_borrower` - Awaiting the borrower's acceptance
            * `applied` - Applied
            * `lapsed` - Lapsed (not accepted)
        effective_on (datetime.date):
        annual_rate (str):
        tenure (int):
        apr (None | str):
        capitalised (str):
        holiday_interest (str):
        accepted_at (datetime.datetime | None):
        applied_on (datetime.date | None):
        schedule (list[RescheduleRow]):
    """

    id: int
    loan: int
    kind: RescheduleKindEnum
    status: RescheduleStatusEnum
    effective_on: datetime.date
    annual_rate: str
    tenure: int
    apr: None | str
    capitalised: str
    holiday_interest: str
    accepted_at: datetime.datetime | None
    applied_on: datetime.date | None
    schedule: list[RescheduleRow]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        loan = self.loan

        kind: str = self.kind

        status: str = self.status

        effective_on = self.effective_on.isoformat()

        annual_rate = self.annual_rate

        tenure = self.tenure

        apr: None | str
        apr = self.apr

        capitalised = self.capitalised

        holiday_interest = self.holiday_interest

        accepted_at: None | str
        if isinstance(self.accepted_at, datetime.datetime):
            accepted_at = self.accepted_at.isoformat()
        else:
            accepted_at = self.accepted_at

        applied_on: None | str
        if isinstance(self.applied_on, datetime.date):
            applied_on = self.applied_on.isoformat()
        else:
            applied_on = self.applied_on

        schedule = []
        for schedule_item_data in self.schedule:
            schedule_item = schedule_item_data.to_dict()
            schedule.append(schedule_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "loan": loan,
                "kind": kind,
                "status": status,
                "effective_on": effective_on,
                "annual_rate": annual_rate,
                "tenure": tenure,
                "apr": apr,
                "capitalised": capitalised,
                "holiday_interest": holiday_interest,
                "accepted_at": accepted_at,
                "applied_on": applied_on,
                "schedule": schedule,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.reschedule_row import RescheduleRow  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        loan = d.pop("loan")

        kind = check_reschedule_kind_enum(d.pop("kind"))

        status = check_reschedule_status_enum(d.pop("status"))

        effective_on = datetime.date.fromisoformat(d.pop("effective_on"))

        annual_rate = d.pop("annual_rate")

        tenure = d.pop("tenure")

        def _parse_apr(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        apr = _parse_apr(d.pop("apr"))

        capitalised = d.pop("capitalised")

        holiday_interest = d.pop("holiday_interest")

        def _parse_accepted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                accepted_at_type_0 = datetime.datetime.fromisoformat(data)

                return accepted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        accepted_at = _parse_accepted_at(d.pop("accepted_at"))

        def _parse_applied_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                applied_on_type_0 = datetime.date.fromisoformat(data)

                return applied_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        applied_on = _parse_applied_on(d.pop("applied_on"))

        schedule = []
        _schedule = d.pop("schedule")
        for schedule_item_data in _schedule:
            schedule_item = RescheduleRow.from_dict(schedule_item_data)

            schedule.append(schedule_item)

        reschedule = cls(
            id=id,
            loan=loan,
            kind=kind,
            status=status,
            effective_on=effective_on,
            annual_rate=annual_rate,
            tenure=tenure,
            apr=apr,
            capitalised=capitalised,
            holiday_interest=holiday_interest,
            accepted_at=accepted_at,
            applied_on=applied_on,
            schedule=schedule,
        )

        reschedule.additional_properties = d
        return reschedule

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
