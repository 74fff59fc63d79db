from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.proposal_kind_enum import ProposalKindEnum, check_proposal_kind_enum
from ..models.waiver_status_enum import WaiverStatusEnum, check_waiver_status_enum

T = TypeVar("T", bound="Proposal")


@_attrs_define
class Proposal:
    """
    Attributes:
        id (int):
        loan (int):
        kind (ProposalKindEnum): * `write_off` - Write-off
            * `settlement` - One-time settlement
            * `restructure` - Restructure
        status (WaiverStatusEnum): * `proposed` - Awaiting approval
            * `approved` - Approved
            * `rejected` - Rejected Default: 'proposed'.
        terms (Any): The action's terms as proposed.
        reason (str):
        proposed_by (int):
        proposed_on (datetime.date):
        decided_by (int | None):
        decided_on (datetime.date | None):
        decision_note (str):
    """

    id: int
    loan: int
    kind: ProposalKindEnum
    terms: Any
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

        loan = self.loan

        kind: str = self.kind

        status: str = self.status

        terms = self.terms

        reason = self.reason

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
                "loan": loan,
                "kind": kind,
                "status": status,
                "terms": terms,
                "reason": reason,
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
        d = dict(src_dict)
        id = d.pop("id")

        loan = d.pop("loan")

        kind = check_proposal_kind_enum(d.pop("kind"))

        status = check_waiver_status_enum(d.pop("status"))

        terms = d.pop("terms")

        reason = d.pop("reason")

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

        proposal = cls(
            id=id,
            loan=loan,
            kind=kind,
            status=status,
            terms=terms,
            reason=reason,
            proposed_by=proposed_by,
            proposed_on=proposed_on,
            decided_by=decided_by,
            decided_on=decided_on,
            decision_note=decision_note,
        )

        proposal.additional_properties = d
        return proposal

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
