from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.hit_status_enum import HitStatusEnum, check_hit_status_enum

T = TypeVar("T", bound="Hit")


@_attrs_define
class Hit:
    """
    Attributes:
        id (int):
        borrower (int):
        screened_name (str):
        entry (str):
        list_source (str):
        matched_name (str):
        score (int):
        reasons (Any):
        trigger (str):
        status (HitStatusEnum): * `open` - Open (not reviewed)
            * `clear_proposed` - Clear proposed (needs a second reviewer)
            * `confirm_proposed` - Confirm proposed (needs a second reviewer)
            * `cleared` - Cleared (false positive)
            * `confirmed` - Confirmed (true match)
        created_at (datetime.datetime):
        proposed_by (int | None):
        proposed_reason (str):
        proposed_at (datetime.datetime | None):
        decided_by (int | None):
        decided_reason (str):
        decided_at (datetime.datetime | None):
    """

    id: int
    borrower: int
    screened_name: str
    entry: str
    list_source: str
    matched_name: str
    score: int
    reasons: Any
    trigger: str
    status: HitStatusEnum
    created_at: datetime.datetime
    proposed_by: int | None
    proposed_reason: str
    proposed_at: datetime.datetime | None
    decided_by: int | None
    decided_reason: str
    decided_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        borrower = self.borrower

        screened_name = self.screened_name

        entry = self.entry

        list_source = self.list_source

        matched_name = self.matched_name

        score = self.score

        reasons = self.reasons

        trigger = self.trigger

        status: str = self.status

        created_at = self.created_at.isoformat()

        proposed_by: int | None
        proposed_by = self.proposed_by

        proposed_reason = self.proposed_reason

        proposed_at: None | str
        if isinstance(self.proposed_at, datetime.datetime):
            proposed_at = self.proposed_at.isoformat()
        else:
            proposed_at = self.proposed_at

        decided_by: int | None
        decided_by = self.decided_by

        decided_reason = self.decided_reason

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "borrower": borrower,
                "screened_name": screened_name,
                "entry": entry,
                "list_source": list_source,
                "matched_name": matched_name,
                "score": score,
                "reasons": reasons,
                "trigger": trigger,
                "status": status,
                "created_at": created_at,
                "proposed_by": proposed_by,
                "proposed_reason": proposed_reason,
                "proposed_at": proposed_at,
                "decided_by": decided_by,
                "decided_reason": decided_reason,
                "decided_at": decided_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        borrower = d.pop("borrower")

        screened_name = d.pop("screened_name")

        entry = d.pop("entry")

        list_source = d.pop("list_source")

        matched_name = d.pop("matched_name")

        score = d.pop("score")

        reasons = d.pop("reasons")

        trigger = d.pop("trigger")

        status = check_hit_status_enum(d.pop("status"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_proposed_by(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        proposed_by = _parse_proposed_by(d.pop("proposed_by"))

        proposed_reason = d.pop("proposed_reason")

        def _parse_proposed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                proposed_at_type_0 = datetime.datetime.fromisoformat(data)

                return proposed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        proposed_at = _parse_proposed_at(d.pop("proposed_at"))

        def _parse_decided_by(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        decided_by = _parse_decided_by(d.pop("decided_by"))

        decided_reason = d.pop("decided_reason")

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

        hit = cls(
            id=id,
            borrower=borrower,
            screened_name=screened_name,
            entry=entry,
            list_source=list_source,
            matched_name=matched_name,
            score=score,
            reasons=reasons,
            trigger=trigger,
            status=status,
            created_at=created_at,
            proposed_by=proposed_by,
            proposed_reason=proposed_reason,
            proposed_at=proposed_at,
            decided_by=decided_by,
            decided_reason=decided_reason,
            decided_at=decided_at,
        )

        hit.additional_properties = d
        return hit

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
