from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.day_end_run_status_enum import DayEndRunStatusEnum, check_day_end_run_status_enum

T = TypeVar("T", bound="DayEndRun")


@_attrs_define
class DayEndRun:
    """
    Attributes:
        id (int):
        business_date (datetime.date):
        status (DayEndRunStatusEnum): * `running` - Running
            * `completed` - Completed
            * `failed` - Failed
        loans_processed (int):
        started_at (datetime.datetime):
        finished_at (datetime.datetime | None):
        duration_ms (int | None):
        counts (Any):
        errors (Any):
        forced_loan (int | None):
    """

    id: int
    business_date: datetime.date
    status: DayEndRunStatusEnum
    loans_processed: int
    started_at: datetime.datetime
    finished_at: datetime.datetime | None
    duration_ms: int | None
    counts: Any
    errors: Any
    forced_loan: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        business_date = self.business_date.isoformat()

        status: str = self.status

        loans_processed = self.loans_processed

        started_at = self.started_at.isoformat()

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        duration_ms: int | None
        duration_ms = self.duration_ms

        counts = self.counts

        errors = self.errors

        forced_loan: int | None
        forced_loan = self.forced_loan

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "business_date": business_date,
                "status": status,
                "loans_processed": loans_processed,
                "started_at": started_at,
                "finished_at": finished_at,
                "duration_ms": duration_ms,
                "counts": counts,
                "errors": errors,
                "forced_loan": forced_loan,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        business_date = datetime.date.fromisoformat(d.pop("business_date"))

        status = check_day_end_run_status_enum(d.pop("status"))

        loans_processed = d.pop("loans_processed")

        started_at = datetime.datetime.fromisoformat(d.pop("started_at"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        def _parse_duration_ms(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        duration_ms = _parse_duration_ms(d.pop("duration_ms"))

        counts = d.pop("counts")

        errors = d.pop("errors")

        def _parse_forced_loan(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        forced_loan = _parse_forced_loan(d.pop("forced_loan"))

        day_end_run = cls(
            id=id,
            business_date=business_date,
            status=status,
            loans_processed=loans_processed,
            started_at=started_at,
            finished_at=finished_at,
            duration_ms=duration_ms,
            counts=counts,
            errors=errors,
            forced_loan=forced_loan,
        )

        day_end_run.additional_properties = d
        return day_end_run

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
