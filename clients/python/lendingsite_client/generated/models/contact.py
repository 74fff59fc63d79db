from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.contact_channel_enum import ContactChannelEnum, check_contact_channel_enum
from ..models.outcome_enum import OutcomeEnum, check_outcome_enum

T = TypeVar("T", bound="Contact")


@_attrs_define
class Contact:
    """
    Attributes:
        id (int):
        case (int):
        collector (int):
        channel (ContactChannelEnum): * `call` - Phone call
            * `sms` - SMS
            * `email` - Email
            * `visit` - Field visit
            * `whatsapp` - WhatsApp
        outcome (OutcomeEnum): * `reached` - Reached the borrower
            * `no_answer` - No answer
            * `wrong_number` - Wrong number
            * `promised` - Promised to pay
            * `refused` - Refused to pay
            * `paid` - Says already paid
        note (str):
        contacted_at (datetime.datetime):
    """

    id: int
    case: int
    collector: int
    channel: ContactChannelEnum
    outcome: OutcomeEnum
    note: str
    contacted_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        case = self.case

        collector = self.collector

        channel: str = self.channel

        outcome: str = self.outcome

        note = self.note

        contacted_at = self.contacted_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "case": case,
                "collector": collector,
                "channel": channel,
                "outcome": outcome,
                "note": note,
                "contacted_at": contacted_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        case = d.pop("case")

        collector = d.pop("collector")

        channel = check_contact_channel_enum(d.pop("channel"))

        outcome = check_outcome_enum(d.pop("outcome"))

        note = d.pop("note")

        contacted_at = datetime.datetime.fromisoformat(d.pop("contacted_at"))

        contact = cls(
            id=id,
            case=case,
            collector=collector,
            channel=channel,
            outcome=outcome,
            note=note,
            contacted_at=contacted_at,
        )

        contact.additional_properties = d
        return contact

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
