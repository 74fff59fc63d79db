from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.blank_enum import BlankEnum, check_blank_enum
from ..models.statement_line_status_enum import (
    StatementLineStatusEnum,
    check_statement_line_status_enum,
)
from ..models.statement_match_kind_enum import (
    StatementMatchKindEnum,
    check_statement_match_kind_enum,
)

T = TypeVar("T", bound="StatementLine")


@_attrs_define
class StatementLine:
    """
    Attributes:
        id (int):
        statement (int):
        line_no (int):
        txn_date (datetime.date):
        value_date (datetime.date | None):
        narration (str):
        reference (str):
        utr (str):
        credit (str):
        debit (str):
        balance (None | str):
        status (StatementLineStatusEnum): * `debit` - Debit (not ours to match)
            * `matched` - Matched, not yet posted
            * `posted` - Posted
            * `duplicate` - Already posted (same UTR)
            * `queued` - In the queue
            * `proposed` - Assigned, awaiting approval
            * `refund` - To be refunded
        match_kind (BlankEnum | StatementMatchKindEnum):
        reason (str):
        loan (int | None):
        payment (int | None):
        assigned_by (int | None):
        assign_note (str):
        decided_by (int | None):
        decided_at (datetime.datetime | None):
    """

    id: int
    statement: int
    line_no: int
    txn_date: datetime.date
    value_date: datetime.date | None
    narration: str
    reference: str
    utr: str
    credit: str
    debit: str
    balance: None | str
    status: StatementLineStatusEnum
    match_kind: BlankEnum | StatementMatchKindEnum
    reason: str
    loan: int | None
    payment: int | None
    assigned_by: int | None
    assign_note: str
    decided_by: int | None
    decided_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        statement = self.statement

        line_no = self.line_no

        txn_date = self.txn_date.isoformat()

        value_date: None | str
        if isinstance(self.value_date, datetime.date):
            value_date = self.value_date.isoformat()
        else:
            value_date = self.value_date

        narration = self.narration

        reference = self.reference

        utr = self.utr

        credit = self.credit

        debit = self.debit

        balance: None | str
        balance = self.balance

        status: str = self.status

        match_kind: str
        if isinstance(self.match_kind, str):
            match_kind = self.match_kind
        else:
            match_kind = self.match_kind

        reason = self.reason

        loan: int | None
        loan = self.loan

        payment: int | None
        payment = self.payment

        assigned_by: int | None
        assigned_by = self.assigned_by

        assign_note = self.assign_note

        decided_by: int | None
        decided_by = self.decided_by

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
                "statement": statement,
                "line_no": line_no,
                "txn_date": txn_date,
                "value_date": value_date,
                "narration": narration,
                "reference": reference,
                "utr": utr,
                "credit": credit,
                "debit": debit,
                "balance": balance,
                "status": status,
                "match_kind": match_kind,
                "reason": reason,
                "loan": loan,
                "payment": payment,
                "assigned_by": assigned_by,
                "assign_note": assign_note,
                "decided_by": decided_by,
                "decided_at": decided_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        statement = d.pop("statement")

        line_no = d.pop("line_no")

        txn_date = datetime.date.fromisoformat(d.pop("txn_date"))

        def _parse_value_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                value_date_type_0 = datetime.date.fromisoformat(data)

                return value_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        value_date = _parse_value_date(d.pop("value_date"))

        narration = d.pop("narration")

        reference = d.pop("reference")

        utr = d.pop("utr")

        credit = d.pop("credit")

        debit = d.pop("debit")

        def _parse_balance(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        balance = _parse_balance(d.pop("balance"))

        status = check_statement_line_status_enum(d.pop("status"))

        def _parse_match_kind(data: object) -> BlankEnum | StatementMatchKindEnum:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                match_kind_type_0 = check_statement_match_kind_enum(data)

                return match_kind_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, str):
                raise TypeError()
            match_kind_type_1 = check_blank_enum(data)

            return match_kind_type_1

        match_kind = _parse_match_kind(d.pop("match_kind"))

        reason = d.pop("reason")

        def _parse_loan(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        loan = _parse_loan(d.pop("loan"))

        def _parse_payment(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        payment = _parse_payment(d.pop("payment"))

        def _parse_assigned_by(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        assigned_by = _parse_assigned_by(d.pop("assigned_by"))

        assign_note = d.pop("assign_note")

        def _parse_decided_by(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        decided_by = _parse_decided_by(d.pop("decided_by"))

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

        statement_line = cls(
            id=id,
            statement=statement,
            line_no=line_no,
            txn_date=txn_date,
            value_date=value_date,
            narration=narration,
            reference=reference,
            utr=utr,
            credit=credit,
            debit=debit,
            balance=balance,
            status=status,
            match_kind=match_kind,
            reason=reason,
            loan=loan,
            payment=payment,
            assigned_by=assigned_by,
            assign_note=assign_note,
            decided_by=decided_by,
            decided_at=decided_at,
        )

        statement_line.additional_properties = d
        return statement_line

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
