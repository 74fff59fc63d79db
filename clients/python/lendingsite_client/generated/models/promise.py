from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.promise_status_enum import PromiseStatusEnum, check_promise_status_enum

T = TypeVar("T", bound="Promise")


@_attrs_define
class Promise:
    """
    Attributes:
        id (int):
        case (int):
        amount (str):
        promised_on (datetime.date):
        status (PromiseStatusEnum): * `pending` - Pending
            * `kept` - Kept
            * `broken` - Broken
        recorded_by (int):
        created_at (datetime.datetime):
        settled_on (datetime.date | None):
    """

    id: int
    case: int
    amount: str
    promised_on: datetime.date
    status: PromiseStatusEnum
    recorded_by: int
    created_at: datetime.datetime
    settled_on: datetime.date | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        case = self.case

        amount = self.amount

        promised_on = self.promised_on.isoformat()

        status: str = self.status

        recorded_by = self.recorded_by

        created_at = self.created_at.isoformat()

        settled_on: None | str
        if isinstance(self.settled_on, datetime.date):
            settled_on = self.settled_on.isoformat()
        else:
            settled_on = self.settled_on

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "case": case,
                "amount": amount,
                "promised_on": promised_on,
                "status": status,
                "recorded_by": recorded_by,
                "created_at": created_at,
                "settled_on": settled_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        case = d.pop("case")

        amount = d.pop("amount")

        promised_on = datetime.date.fromisoformat(d.pop("promised_on"))

        status = check_promise_status_enum(d.pop("status"))

        recorded_by = d.pop("recorded_by")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_settled_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                settled_on_type_0 = datetime.date.fromisoformat(data)

                return settled_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        settled_on = _parse_settled_on(d.pop("settled_on"))

        promise = cls(
            id=id,
            case=case,
            amount=amount,
            promised_on=promised_on,
            status=status,
            recorded_by=recorded_by,
            created_at=created_at,
            settled_on=settled_on,
        )

        promise.additional_properties = d
        return promise

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
