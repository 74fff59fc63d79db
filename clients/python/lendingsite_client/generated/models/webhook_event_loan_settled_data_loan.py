from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WebhookEventLoanSettledDataLoan")


@_attrs_define
class WebhookEventLoanSettledDataLoan:
    """
    Attributes:
        id (int):
        status (str):
        borrower (int):
        principal (str):  Example: 1000.00.
        principal_outstanding (str):  Example: 1000.00.
        dpd (int):
        bucket (str):
        disbursed_on (datetime.date | None):
        closed_on (datetime.date | None):
    """

    id: int
    status: str
    borrower: int
    principal: str
    principal_outstanding: str
    dpd: int
    bucket: str
    disbursed_on: datetime.date | None
    closed_on: datetime.date | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        status = self.status

        borrower = self.borrower

        principal = self.principal

        principal_outstanding = self.principal_outstanding

        dpd = self.dpd

        bucket = self.bucket

        disbursed_on: None | str
        if isinstance(self.disbursed_on, datetime.date):
            disbursed_on = self.disbursed_on.isoformat()
        else:
            disbursed_on = self.disbursed_on

        closed_on: None | str
        if isinstance(self.closed_on, datetime.date):
            closed_on = self.closed_on.isoformat()
        else:
            closed_on = self.closed_on

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "borrower": borrower,
                "principal": principal,
                "principal_outstanding": principal_outstanding,
                "dpd": dpd,
                "bucket": bucket,
                "disbursed_on": disbursed_on,
                "closed_on": closed_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        status = d.pop("status")

        borrower = d.pop("borrower")

        principal = d.pop("principal")

        principal_outstanding = d.pop("principal_outstanding")

        dpd = d.pop("dpd")

        bucket = d.pop("bucket")

        def _parse_disbursed_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                disbursed_on_type_0 = datetime.date.fromisoformat(data)

                return disbursed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        disbursed_on = _parse_disbursed_on(d.pop("disbursed_on"))

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

        webhook_event_loan_settled_data_loan = cls(
            id=id,
            status=status,
            borrower=borrower,
            principal=principal,
            principal_outstanding=principal_outstanding,
            dpd=dpd,
            bucket=bucket,
            disbursed_on=disbursed_on,
            closed_on=closed_on,
        )

        webhook_event_loan_settled_data_loan.additional_properties = d
        return webhook_event_loan_settled_data_loan

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
