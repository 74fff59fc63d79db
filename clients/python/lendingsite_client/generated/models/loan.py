from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.loan_status_enum import LoanStatusEnum, check_loan_status_enum
from ..types import UNSET, Unset

T = TypeVar("T", bound="Loan")


@_attrs_define
class Loan:
    """A loan with its balances and arrears. Expects the queryset from
    loans.selectors.loans_with_arrears (total_outstanding is an annotation; the product and
    the installments are prefetched for loan_arrears).

        Attributes:
            id (int):
            application (int):
            borrower (int):
            product (int):
            product_code (str):
            status (LoanStatusEnum): * `pending_disbursement` - Pending disbursement
                * `active` - Active
                * `closed` - Closed (paid in full)
                * `foreclosed` - Foreclosed (closed early)
                * `written_off` - Written off
                * `cancelled` - Cancelled (cooling-off)
                * `settled` - Settled (closed for less than the dues)
            principal (str):
            annual_rate (str):
            tenure (int):
            apr (str):
            processing_fee (str):
            net_disbursed (str):
            disbursed_on (datetime.date | None):
            cooling_off_until (datetime.date | None):
            closed_on (datetime.date | None):
            principal_outstanding (str):
            total_outstanding (str):
            next_due_date (datetime.date | None): When the next payment is due: today for an overdue loan (the arrears are
                due now), else the next installment's due date.
            next_due_amount (None | str): The next payment: an overdue loan's arrears (everything owed on installments due
                by yesterday), else what is still owed on the next installment.
            overdue_amount (str): Owed on installments overdue above the product's materiality floor.
            overdue_since (datetime.date | None): Due date of the oldest overdue installment.
            next_installment_date (datetime.date | None):
            next_installment_amount (None | str):
            dpd (int):
            bucket (str):
            notes (str | Unset):
    """

    id: int
    application: int
    borrower: int
    product: int
    product_code: str
    status: LoanStatusEnum
    principal: str
    annual_rate: str
    tenure: int
    apr: str
    processing_fee: str
    net_disbursed: str
    disbursed_on: datetime.date | None
    cooling_off_until: datetime.date | None
    closed_on: datetime.date | None
    principal_outstanding: str
    total_outstanding: str
    next_due_date: datetime.date | None
    next_due_amount: None | str
    overdue_amount: str
    overdue_since: datetime.date | None
    next_installment_date: datetime.date | None
    next_installment_amount: None | str
    dpd: int
    bucket: str
    notes: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        application = self.application

        borrower = self.borrower

        product = self.product

        product_code = self.product_code

        status: str = self.status

        principal = self.principal

        annual_rate = self.annual_rate

        tenure = self.tenure

        apr = self.apr

        processing_fee = self.processing_fee

        net_disbursed = self.net_disbursed

        disbursed_on: None | str
        if isinstance(self.disbursed_on, datetime.date):
            disbursed_on = self.disbursed_on.isoformat()
        else:
            disbursed_on = self.disbursed_on

        cooling_off_until: None | str
        if isinstance(self.cooling_off_until, datetime.date):
            cooling_off_until = self.cooling_off_until.isoformat()
        else:
            cooling_off_until = self.cooling_off_until

        closed_on: None | str
        if isinstance(self.closed_on, datetime.date):
            closed_on = self.closed_on.isoformat()
        else:
            closed_on = self.closed_on

        principal_outstanding = self.principal_outstanding

        total_outstanding = self.total_outstanding

        next_due_date: None | str
        if isinstance(self.next_due_date, datetime.date):
            next_due_date = self.next_due_date.isoformat()
        else:
            next_due_date = self.next_due_date

        next_due_amount: None | str
        next_due_amount = self.next_due_amount

        overdue_amount = self.overdue_amount

        overdue_since: None | str
        if isinstance(self.overdue_since, datetime.date):
            overdue_since = self.overdue_since.isoformat()
        else:
            overdue_since = self.overdue_since

        next_installment_date: None | str
        if isinstance(self.next_installment_date, datetime.date):
            next_installment_date = self.next_installment_date.isoformat()
        else:
            next_installment_date = self.next_installment_date

        next_installment_amount: None | str
        next_installment_amount = self.next_installment_amount

        dpd = self.dpd

        bucket = self.bucket

        notes = self.notes

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "application": application,
                "borrower": borrower,
                "product": product,
                "product_code": product_code,
                "status": status,
                "principal": principal,
                "annual_rate": annual_rate,
                "tenure": tenure,
                "apr": apr,
                "processing_fee": processing_fee,
                "net_disbursed": net_disbursed,
                "disbursed_on": disbursed_on,
                "cooling_off_until": cooling_off_until,
                "closed_on": closed_on,
                "principal_outstanding": principal_outstanding,
                "total_outstanding": total_outstanding,
                "next_due_date": next_due_date,
                "next_due_amount": next_due_amount,
                "overdue_amount": overdue_amount,
                "overdue_since": overdue_since,
                "next_installment_date": next_installment_date,
                "next_installment_amount": next_installment_amount,
                "dpd": dpd,
                "bucket": bucket,
            }
        )
        if notes is not UNSET:
            field_dict["notes"] = notes

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        application = d.pop("application")

        borrower = d.pop("borrower")

        product = d.pop("product")

        product_code = d.pop("product_code")

        status = check_loan_status_enum(d.pop("status"))

        principal = d.pop("principal")

        annual_rate = d.pop("annual_rate")

        tenure = d.pop("tenure")

        apr = d.pop("apr")

        processing_fee = d.pop("processing_fee")

        net_disbursed = d.pop("net_disbursed")

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

        def _parse_cooling_off_until(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                cooling_off_until_type_0 = datetime.date.fromisoformat(data)

                return cooling_off_until_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        cooling_off_until = _parse_cooling_off_until(d.pop("cooling_off_until"))

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

        principal_outstanding = d.pop("principal_outstanding")

        total_outstanding = d.pop("total_outstanding")

        def _parse_next_due_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_due_date_type_0 = datetime.date.fromisoformat(data)

                return next_due_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        next_due_date = _parse_next_due_date(d.pop("next_due_date"))

        def _parse_next_due_amount(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_due_amount = _parse_next_due_amount(d.pop("next_due_amount"))

        overdue_amount = d.pop("overdue_amount")

        def _parse_overdue_since(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                overdue_since_type_0 = datetime.date.fromisoformat(data)

                return overdue_since_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        overdue_since = _parse_overdue_since(d.pop("overdue_since"))

        def _parse_next_installment_date(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                next_installment_date_type_0 = datetime.date.fromisoformat(data)

                return next_installment_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        next_installment_date = _parse_next_installment_date(d.pop("next_installment_date"))

        def _parse_next_installment_amount(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_installment_amount = _parse_next_installment_amount(d.pop("next_installment_amount"))

        dpd = d.pop("dpd")

        bucket = d.pop("bucket")

        notes = d.pop("notes", UNSET)

        loan = cls(
            id=id,
            application=application,
            borrower=borrower,
            product=product,
            product_code=product_code,
            status=status,
            principal=principal,
            annual_rate=annual_rate,
            tenure=tenure,
            apr=apr,
            processing_fee=processing_fee,
            net_disbursed=net_disbursed,
            disbursed_on=disbursed_on,
            cooling_off_until=cooling_off_until,
            closed_on=closed_on,
            principal_outstanding=principal_outstanding,
            total_outstanding=total_outstanding,
            next_due_date=next_due_date,
            next_due_amount=next_due_amount,
            overdue_amount=overdue_amount,
            overdue_since=overdue_since,
            next_installment_date=next_installment_date,
            next_installment_amount=next_installment_amount,
            dpd=dpd,
            bucket=bucket,
            notes=notes,
        )

        loan.additional_properties = d
        return loan

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
