from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Message")


@_attrs_define
class Message:
    """messaging.presenters.message_view: what the caller may see of one message.

    Attributes:
        id (int):
        thread (int):
        mine (bool):
        from_staff (bool):
        sender (str):
        body (str): empty when hidden (borrower) or erased
        attachment_url (str):
        attachment_type (str):
        created_at (datetime.datetime):
        delivered_at (datetime.datetime | None):
        held_until (datetime.datetime | None): held for calling hours until then (staff see it)
        hidden (bool):
        hidden_reason (str): staff only
        reported (bool):
        erased (bool):
        read (bool): the other side has read it
    """

    id: int
    thread: int
    mine: bool
    from_staff: bool
    sender: str
    body: str
    attachment_url: str
    attachment_type: str
    created_at: datetime.datetime
    delivered_at: datetime.datetime | None
    held_until: datetime.datetime | None
    hidden: bool
    hidden_reason: str
    reported: bool
    erased: bool
    read: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        thread = self.thread

        mine = self.mine

        from_staff = self.from_staff

        sender = self.sender

        body = self.body

        attachment_url = self.attachment_url

        attachment_type = self.attachment_type

        created_at = self.created_at.isoformat()

        delivered_at: None | str
        if isinstance(self.delivered_at, datetime.datetime):
            delivered_at = self.delivered_at.isoformat()
        else:
            delivered_at = self.delivered_at

        held_until: None | str
        if isinstance(self.held_until, datetime.datetime):
            held_until = self.held_until.isoformat()
        else:
            held_until = self.held_until

        hidden = self.hidden

        hidden_reason = self.hidden_reason

        reported = self.reported

        erased = self.erased

        read = self.read

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "thread": thread,
                "mine": mine,
                "from_staff": from_staff,
                "sender": sender,
                "body": body,
                "attachment_url": attachment_url,
                "attachment_type": attachment_type,
                "created_at": created_at,
                "delivered_at": delivered_at,
                "held_until": held_until,
                "hidden": hidden,
                "hidden_reason": hidden_reason,
                "reported": reported,
                "erased": erased,
                "read": read,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        thread = d.pop("thread")

        mine = d.pop("mine")

        from_staff = d.pop("from_staff")

        sender = d.pop("sender")

        body = d.pop("body")

        attachment_url = d.pop("attachment_url")

        attachment_type = d.pop("attachment_type")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_delivered_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                delivered_at_type_0 = datetime.datetime.fromisoformat(data)

                return delivered_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        delivered_at = _parse_delivered_at(d.pop("delivered_at"))

        def _parse_held_until(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                held_until_type_0 = datetime.datetime.fromisoformat(data)

                return held_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        held_until = _parse_held_until(d.pop("held_until"))

        hidden = d.pop("hidden")

        hidden_reason = d.pop("hidden_reason")

        reported = d.pop("reported")

        erased = d.pop("erased")

        read = d.pop("read")

        message = cls(
            id=id,
            thread=thread,
            mine=mine,
            from_staff=from_staff,
            sender=sender,
            body=body,
            attachment_url=attachment_url,
            attachment_type=attachment_type,
            created_at=created_at,
            delivered_at=delivered_at,
            held_until=held_until,
            hidden=hidden,
            hidden_reason=hidden_reason,
            reported=reported,
            erased=erased,
            read=read,
        )

        message.additional_properties = d
        return message

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
