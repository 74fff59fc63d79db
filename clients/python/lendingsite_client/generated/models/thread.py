from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Thread")


@_attrs_define
class Thread:
    """
    Attributes:
        id (int):
        borrower (int):
        application (int | None):
        loan (int | None):
        subject (str):
        created_at (datetime.datetime):
        last_message_at (datetime.datetime | None):
        unread (int): messages you have not read
    """

    id: int
    borrower: int
    application: int | None
    loan: int | None
    subject: str
    created_at: datetime.datetime
    last_message_at: datetime.datetime | None
    unread: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        borrower = self.borrower

        application: int | None
        application = self.application

        loan: int | None
        loan = self.loan

        subject = self.subject

        created_at = self.created_at.isoformat()

        last_message_at: None | str
        if isinstance(self.last_message_at, datetime.datetime):
            last_message_at = self.last_message_at.isoformat()
        else:
            last_message_at = self.last_message_at

        unread = self.unread

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "borrower": borrower,
                "application": application,
                "loan": loan,
                "subject": subject,
                "created_at": created_at,
                "last_message_at": last_message_at,
                "unread": unread,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        borrower = d.pop("borrower")

        def _parse_application(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        application = _parse_application(d.pop("application"))

        def _parse_loan(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        loan = _parse_loan(d.pop("loan"))

        subject = d.pop("subject")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_last_message_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                last_message_at_type_0 = datetime.datetime.fromisoformat(data)

                return last_message_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        last_message_at = _parse_last_message_at(d.pop("last_message_at"))

        unread = d.pop("unread")

        thread = cls(
            id=id,
            borrower=borrower,
            application=application,
            loan=loan,
            subject=subject,
            created_at=created_at,
            last_message_at=last_message_at,
            unread=unread,
        )

        thread.additional_properties = d
        return thread

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
