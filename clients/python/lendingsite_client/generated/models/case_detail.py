from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.case_status_enum import CaseStatusEnum, check_case_status_enum

if TYPE_CHECKING:
    from ..models.contact import Contact
    from ..models.pending_promise import PendingPromise
    from ..models.promise import Promise


T = TypeVar("T", bound="CaseDetail")


@_attrs_define
class CaseDetail:
    """Expects collection.selectors.cases_for (the pending promise is an annotation).

    Attributes:
        id (int):
        loan (int):
        borrower (int):
        borrower_name (str):
        borrower_phone (str): masked (+91******1005); the full number: GET …/borrower-phone/
        status (CaseStatusEnum): * `open` - Open
            * `in_progress` - In progress
            * `promise_to_pay` - Promise to pay
            * `broken_promise` - Broken promise
            * `resolved` - Resolved
            * `closed` - Closed Default: 'open'.
        assigned_to (int | None):
        opened_on (datetime.date):
        closed_on (datetime.date | None):
        dpd (int):
        bucket (str):
        overdue_amount (str):
        legal_escalated (bool):
        escalated_on (datetime.date | None):
        pending_promise (None | PendingPromise):
        contacts (list[Contact]):
        promises (list[Promise]):
    """

    id: int
    loan: int
    borrower: int
    borrower_name: str
    borrower_phone: str
    assigned_to: int | None
    opened_on: datetime.date
    closed_on: datetime.date | None
    dpd: int
    bucket: str
    overdue_amount: str
    legal_escalated: bool
    escalated_on: datetime.date | None
    pending_promise: None | PendingPromise
    contacts: list[Contact]
    promises: list[Promise]
    status: CaseStatusEnum = "open"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.pending_promise import PendingPromise  # noqa: PLC0415

        id = self.id

        loan = self.loan

        borrower = self.borrower

        borrower_name = self.borrower_name

        borrower_phone = self.borrower_phone

        status: str = self.status

        assigned_to: int | None
        assigned_to = self.assigned_to

        opened_on = self.opened_on.isoformat()

        closed_on: None | str
        if isinstance(self.closed_on, datetime.date):
            closed_on = self.closed_on.isoformat()
        else:
            closed_on = self.closed_on

        dpd = self.dpd

        bucket = self.bucket

        overdue_amount = self.overdue_amount

        legal_escalated = self.legal_escalated

        escalated_on: None | str
        if isinstance(self.escalated_on, datetime.date):
            escalated_on = self.escalated_on.isoformat()
        else:
            escalated_on = self.escalated_on

        pending_promise: dict[str, Any] | None
        if isinstance(self.pending_promise, PendingPromise):
            pending_promise = self.pending_promise.to_dict()
        else:
            pending_promise = self.pending_promise

        contacts = []
        for contacts_item_data in self.contacts:
            contacts_item = contacts_item_data.to_dict()
            contacts.append(contacts_item)

        promises = []
        for promises_item_data in self.promises:
            promises_item = promises_item_data.to_dict()
            promises.append(promises_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "loan": loan,
                "borrower": borrower,
                "borrower_name": borrower_name,
                "borrower_phone": borrower_phone,
                "status": status,
                "assigned_to": assigned_to,
                "opened_on": opened_on,
                "closed_on": closed_on,
                "dpd": dpd,
                "bucket": bucket,
                "overdue_amount": overdue_amount,
                "legal_escalated": legal_escalated,
                "escalated_on": escalated_on,
                "pending_promise": pending_promise,
                "contacts": contacts,
                "promises": promises,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.contact import Contact  # noqa: PLC0415
        from ..models.pending_promise import PendingPromise  # noqa: PLC0415
        from ..models.promise import Promise  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        loan = d.pop("loan")

        borrower = d.pop("borrower")

        borrower_name = d.pop("borrower_name")

        borrower_phone = d.pop("borrower_phone")

        status = check_case_status_enum(d.pop("status"))

        def _parse_assigned_to(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        assigned_to = _parse_assigned_to(d.pop("assigned_to"))

        opened_on = datetime.date.fromisoformat(d.pop("opened_on"))

        def _parse_closed_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_on_type_0 = datetime.date.fromisoformat(data)

                return closed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        closed_on = _parse_closed_on(d.pop("closed_on"))

        dpd = d.pop("dpd")

        bucket = d.pop("bucket")

        overdue_amount = d.pop("overdue_amount")

        legal_escalated = d.pop("legal_escalated")

        def _parse_escalated_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                escalated_on_type_0 = datetime.date.fromisoformat(data)

                return escalated_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        escalated_on = _parse_escalated_on(d.pop("escalated_on"))

        def _parse_pending_promise(data: object) -> None | PendingPromise:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                pending_promise_type_1 = PendingPromise.from_dict(data)

                return pending_promise_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PendingPromise, data)

        pending_promise = _parse_pending_promise(d.pop("pending_promise"))

        contacts = []
        _contacts = d.pop("contacts")
        for contacts_item_data in _contacts:
            contacts_item = Contact.from_dict(contacts_item_data)

            contacts.append(contacts_item)

        promises = []
        _promises = d.pop("promises")
        for promises_item_data in _promises:
            promises_item = Promise.from_dict(promises_item_data)

            promises.append(promises_item)

        case_detail = cls(
            id=id,
            loan=loan,
            borrower=borrower,
            borrower_name=borrower_name,
            borrower_phone=borrower_phone,
            status=status,
            assigned_to=assigned_to,
            opened_on=opened_on,
            closed_on=closed_on,
            dpd=dpd,
            bucket=bucket,
            overdue_amount=overdue_amount,
            legal_escalated=legal_escalated,
            escalated_on=escalated_on,
            pending_promise=pending_promise,
            contacts=contacts,
            promises=promises,
        )

        case_detail.additional_properties = d
        return case_detail

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
