from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.bank_account_status_enum import BankAccountStatusEnum, check_bank_account_status_enum

T = TypeVar("T", bound="BankAccount")


@_attrs_define
class BankAccount:
    """
    Attributes:
        id (int):
        borrower (int):
        holder_name (str):
        account_number (str): masked: only the last 4 digits
        ifsc (str):
        bank_name (str):
        branch (str):
        status (BankAccountStatusEnum): * `pending` - Waiting for verification
            * `verified` - Verified
            * `failed` - Verification failed
        status_reason (str):
        name_at_bank (str):
        verification_method (str):
        verified_by (int | None):
        verified_at (datetime.datetime | None):
        officer_check_required (bool):
        is_current (bool):
        created_at (datetime.datetime):
        replaced_at (datetime.datetime | None):
    """

    id: int
    borrower: int
    holder_name: str
    account_number: str
    ifsc: str
    bank_name: str
    branch: str
    status: BankAccountStatusEnum
    status_reason: str
    name_at_bank: str
    verification_method: str
    verified_by: int | None
    verified_at: datetime.datetime | None
    officer_check_required: bool
    is_current: bool
    created_at: datetime.datetime
    replaced_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        borrower = self.borrower

        holder_name = self.holder_name

        account_number = self.account_number

        ifsc = self.ifsc

        bank_name = self.bank_name

        branch = self.branch

        status: str = self.status

        status_reason = self.status_reason

        name_at_bank = self.name_at_bank

        verification_method = self.verification_method

        verified_by: int | None
        verified_by = self.verified_by

        verified_at: None | str
        if isinstance(self.verified_at, datetime.datetime):
            verified_at = self.verified_at.isoformat()
        else:
            verified_at = self.verified_at

        officer_check_required = self.officer_check_required

        is_current = self.is_current

        created_at = self.created_at.isoformat()

        replaced_at: None | str
        if isinstance(self.replaced_at, datetime.datetime):
            replaced_at = self.replaced_at.isoformat()
        else:
            replaced_at = self.replaced_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "borrower": borrower,
                "holder_name": holder_name,
                "account_number": account_number,
                "ifsc": ifsc,
                "bank_name": bank_name,
                "branch": branch,
                "status": status,
                "status_reason": status_reason,
                "name_at_bank": name_at_bank,
                "verification_method": verification_method,
                "verified_by": verified_by,
                "verified_at": verified_at,
                "officer_check_required": officer_check_required,
                "is_current": is_current,
                "created_at": created_at,
                "replaced_at": replaced_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        borrower = d.pop("borrower")

        holder_name = d.pop("holder_name")

        account_number = d.pop("account_number")

        ifsc = d.pop("ifsc")

        bank_name = d.pop("bank_name")

        branch = d.pop("branch")

        status = check_bank_account_status_enum(d.pop("status"))

        status_reason = d.pop("status_reason")

        name_at_bank = d.pop("name_at_bank")

        verification_method = d.pop("verification_method")

        def _parse_verified_by(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        verified_by = _parse_verified_by(d.pop("verified_by"))

        def _parse_verified_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                verified_at_type_0 = datetime.datetime.fromisoformat(data)

                return verified_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        verified_at = _parse_verified_at(d.pop("verified_at"))

        officer_check_required = d.pop("officer_check_required")

        is_current = d.pop("is_current")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_replaced_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                replaced_at_type_0 = datetime.datetime.fromisoformat(data)

                return replaced_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        replaced_at = _parse_replaced_at(d.pop("replaced_at"))

        bank_account = cls(
            id=id,
            borrower=borrower,
            holder_name=holder_name,
            account_number=account_number,
            ifsc=ifsc,
            bank_name=bank_name,
            branch=branch,
            status=status,
            status_reason=status_reason,
            name_at_bank=name_at_bank,
            verification_method=verification_method,
            verified_by=verified_by,
            verified_at=verified_at,
            officer_check_required=officer_check_required,
            is_current=is_current,
            created_at=created_at,
            replaced_at=replaced_at,
        )

        bank_account.additional_properties = d
        return bank_account

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
