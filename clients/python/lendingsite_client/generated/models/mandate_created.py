from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.mandate_frequency_enum import MandateFrequencyEnum, check_mandate_frequency_enum
from ..models.mandate_status_enum import MandateStatusEnum, check_mandate_status_enum

T = TypeVar("T", bound="MandateCreated")


@_attrs_define
class MandateCreated:
    """
    Attributes:
        id (int):
        loan (int):
        reference (str):
        adapter (str):
        status (MandateStatusEnum): * `initiated` - Waiting for the bank
            * `active` - Active
            * `paused` - Paused
            * `cancelled` - Cancelled
            * `rejected` - Rejected by the bank Default: 'initiated'.
        max_amount (str):
        frequency (MandateFrequencyEnum): * `MNTH` - Monthly
            * `ADHO` - As presented
        start_on (datetime.date):
        end_on (datetime.date):
        umrn (str):
        reason_code (str):
        reason (str):
        account_last4 (str):
        created_at (datetime.datetime):
        status_changed_at (datetime.datetime | None):
        approval_url (str):
    """

    id: int
    loan: int
    reference: str
    adapter: str
    max_amount: str
    frequency: MandateFrequencyEnum
    start_on: datetime.date
    end_on: datetime.date
    umrn: str
    reason_code: str
    reason: str
    account_last4: str
    created_at: datetime.datetime
    status_changed_at: datetime.datetime | None
    approval_url: str
    status: MandateStatusEnum = "initiated"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        loan = self.loan

        reference = self.reference

        adapter = self.adapter

        status: str = self.status

        max_amount = self.max_amount

        frequency: str = self.frequency

        start_on = self.start_on.isoformat()

        end_on = self.end_on.isoformat()

        umrn = self.umrn

        reason_code = self.reason_code

        reason = self.reason

        account_last4 = self.account_last4

        created_at = self.created_at.isoformat()

        status_changed_at: None | str
        if isinstance(self.status_changed_at, datetime.datetime):
            status_changed_at = self.status_changed_at.isoformat()
        else:
            status_changed_at = self.status_changed_at

        approval_url = self.approval_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "loan": loan,
                "reference": reference,
                "adapter": adapter,
                "status": status,
                "max_amount": max_amount,
                "frequency": frequency,
                "start_on": start_on,
                "end_on": end_on,
                "umrn": umrn,
                "reason_code": reason_code,
                "reason": reason,
                "account_last4": account_last4,
                "created_at": created_at,
                "status_changed_at": status_changed_at,
                "approval_url": approval_url,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        loan = d.pop("loan")

        reference = d.pop("reference")

        adapter = d.pop("adapter")

        status = check_mandate_status_enum(d.pop("status"))

        max_amount = d.pop("max_amount")

        frequency = check_mandate_frequency_enum(d.pop("frequency"))

        start_on = datetime.date.fromisoformat(d.pop("start_on"))

        end_on = datetime.date.fromisoformat(d.pop("end_on"))

        umrn = d.pop("umrn")

        reason_code = d.pop("reason_code")

        reason = d.pop("reason")

        account_last4 = d.pop("account_last4")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_status_changed_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                status_changed_at_type_0 = datetime.datetime.fromisoformat(data)

                return status_changed_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        status_changed_at = _parse_status_changed_at(d.pop("status_changed_at"))

        approval_url = d.pop("approval_url")

        mandate_created = cls(
            id=id,
            loan=loan,
            reference=reference,
            adapter=adapter,
            status=status,
            max_amount=max_amount,
            frequency=frequency,
            start_on=start_on,
            end_on=end_on,
            umrn=umrn,
            reason_code=reason_code,
            reason=reason,
            account_last4=account_last4,
            created_at=created_at,
            status_changed_at=status_changed_at,
            approval_url=approval_url,
        )

        mandate_created.additional_properties = d
        return mandate_created

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
