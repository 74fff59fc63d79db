from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.quote_row import QuoteRow


T = TypeVar("T", bound="QuoteResult")


@_attrs_define
class QuoteResult:
    """
    Attributes:
        product (None | str):
        disbursement_date (datetime.date):
        principal (str):
        annual_rate (str):
        tenure (int):
        interest_method (str):
        amortization (str):
        interest_period (str):
        frequency (str):
        installment_multiple (str):
        rounding (str):
        grace_on_principal (int):
        installment_amount (str):
        total_interest (str):
        total_payable (str):
        processing_fee (str):
        total_charges (str):
        apr (str): Annual percentage rate, 2 decimals (RBI KFS).
        net_disbursed (str):
        schedule (list[QuoteRow]):
    """

    product: None | str
    disbursement_date: datetime.date
    principal: str
    annual_rate: str
    tenure: int
    interest_method: str
    amortization: str
    interest_period: str
    frequency: str
    installment_multiple: str
    rounding: str
    grace_on_principal: int
    installment_amount: str
    total_interest: str
    total_payable: str
    processing_fee: str
    total_charges: str
    apr: str
    net_disbursed: str
    schedule: list[QuoteRow]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        product: None | str
        product = self.product

        disbursement_date = self.disbursement_date.isoformat()

        principal = self.principal

        annual_rate = self.annual_rate

        tenure = self.tenure

        interest_method = self.interest_method

        amortization = self.amortization

        interest_period = self.interest_period

        frequency = self.frequency

        installment_multiple = self.installment_multiple

        rounding = self.rounding

        grace_on_principal = self.grace_on_principal

        installment_amount = self.installment_amount

        total_interest = self.total_interest

        total_payable = self.total_payable

        processing_fee = self.processing_fee

        total_charges = self.total_charges

        apr = self.apr

        net_disbursed = self.net_disbursed

        schedule = []
        for schedule_item_data in self.schedule:
            schedule_item = schedule_item_data.to_dict()
            schedule.append(schedule_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "product": product,
                "disbursement_date": disbursement_date,
                "principal": principal,
                "annual_rate": annual_rate,
                "tenure": tenure,
                "interest_method": interest_method,
                "amortization": amortization,
                "interest_period": interest_period,
                "frequency": frequency,
                "installment_multiple": installment_multiple,
                "rounding": rounding,
                "grace_on_principal": grace_on_principal,
                "installment_amount": installment_amount,
                "total_interest": total_interest,
                "total_payable": total_payable,
                "processing_fee": processing_fee,
                "total_charges": total_charges,
                "apr": apr,
                "net_disbursed": net_disbursed,
                "schedule": schedule,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.quote_row import QuoteRow  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_product(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        product = _parse_product(d.pop("product"))

        disbursement_date = datetime.date.fromisoformat(d.pop("disbursement_date"))

        principal = d.pop("principal")

        annual_rate = d.pop("annual_rate")

        tenure = d.pop("tenure")

        interest_method = d.pop("interest_method")

        amortization = d.pop("amortization")

        interest_period = d.pop("interest_period")

        frequency = d.pop("frequency")

        installment_multiple = d.pop("installment_multiple")

        rounding = d.pop("rounding")

        grace_on_principal = d.pop("grace_on_principal")

        installment_amount = d.pop("installment_amount")

        total_interest = d.pop("total_interest")

        total_payable = d.pop("total_payable")

        processing_fee = d.pop("processing_fee")

        total_charges = d.pop("total_charges")

        apr = d.pop("apr")

        net_disbursed = d.pop("net_disbursed")

        schedule = []
        _schedule = d.pop("schedule")
        for schedule_item_data in _schedule:
            schedule_item = QuoteRow.from_dict(schedule_item_data)

            schedule.append(schedule_item)

        quote_result = cls(
            product=product,
            disbursement_date=disbursement_date,
            principal=principal,
            annual_rate=annual_rate,
            tenure=tenure,
            interest_method=interest_method,
            amortization=amortization,
            interest_period=interest_period,
            frequency=frequency,
            installment_multiple=installment_multiple,
            rounding=rounding,
            grace_on_principal=grace_on_principal,
            installment_amount=installment_amount,
            total_interest=total_interest,
            total_payable=total_payable,
            processing_fee=processing_fee,
            total_charges=total_charges,
            apr=apr,
            net_disbursed=net_disbursed,
            schedule=schedule,
        )

        quote_result.additional_properties = d
        return quote_result

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
