from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.quote_amortization_enum import QuoteAmortizationEnum, check_quote_amortization_enum
from ..models.quote_frequency_enum import QuoteFrequencyEnum, check_quote_frequency_enum
from ..models.quote_installment_multiple_enum import (
    QuoteInstallmentMultipleEnum,
    check_quote_installment_multiple_enum,
)
from ..models.quote_interest_method_enum import (
    QuoteInterestMethodEnum,
    check_quote_interest_method_enum,
)
from ..models.quote_interest_period_enum import (
    QuoteInterestPeriodEnum,
    check_quote_interest_period_enum,
)
from ..models.quote_rounding_enum import QuoteRoundingEnum, check_quote_rounding_enum
from ..types import UNSET, Unset

T = TypeVar("T", bound="QuoteRequest")


@_attrs_define
class QuoteRequest:
    """
    Attributes:
        principal (str): e.g. "100000.00"
        tenure (int): Number of installments.
        product (str | Unset): A product code; its terms and fee apply.
        annual_rate (str | Unset): Percent per year. Default: the product's; required without a product.
        interest_method (QuoteInterestMethodEnum | Unset): * `declining` - declining
            * `flat` - flat
        amortization (QuoteAmortizationEnum | Unset): * `equal_installments` - equal_installments
            * `equal_principal` - equal_principal
        interest_period (QuoteInterestPeriodEnum | Unset): * `same_as_repayment` - same_as_repayment
            * `daily` - daily
        frequency (QuoteFrequencyEnum | Unset): * `monthly` - monthly
            * `fortnightly` - fortnightly
            * `weekly` - weekly
        installment_multiple (QuoteInstallmentMultipleEnum | Unset): * `0.01` - 0.01
            * `1.00` - 1.00
        rounding (QuoteRoundingEnum | Unset): * `half_even` - half_even
            * `half_up` - half_up
            * `up` - up
        grace_on_principal (int | Unset):
        processing_fee (str | Unset): Deducted at disbursement, taxes included. Default: the product's, else 0.
        disbursement_date (datetime.date | Unset): Default: today (IST).
    """

    principal: str
    tenure: int
    product: str | Unset = UNSET
    annual_rate: str | Unset = UNSET
    interest_method: QuoteInterestMethodEnum | Unset = UNSET
    amortization: QuoteAmortizationEnum | Unset = UNSET
    interest_period: QuoteInterestPeriodEnum | Unset = UNSET
    frequency: QuoteFrequencyEnum | Unset = UNSET
    installment_multiple: QuoteInstallmentMultipleEnum | Unset = UNSET
    rounding: QuoteRoundingEnum | Unset = UNSET
    grace_on_principal: int | Unset = UNSET
    processing_fee: str | Unset = UNSET
    disbursement_date: datetime.date | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        principal = self.principal

        tenure = self.tenure

        product = self.product

        annual_rate = self.annual_rate

        interest_method: str | Unset = UNSET
        if not isinstance(self.interest_method, Unset):
            interest_method = self.interest_method

        amortization: str | Unset = UNSET
        if not isinstance(self.amortization, Unset):
            amortization = self.amortization

        interest_period: str | Unset = UNSET
        if not isinstance(self.interest_period, Unset):
            interest_period = self.interest_period

        frequency: str | Unset = UNSET
        if not isinstance(self.frequency, Unset):
            frequency = self.frequency

        installment_multiple: str | Unset = UNSET
        if not isinstance(self.installment_multiple, Unset):
            installment_multiple = self.installment_multiple

        rounding: str | Unset = UNSET
        if not isinstance(self.rounding, Unset):
            rounding = self.rounding

        grace_on_principal = self.grace_on_principal

        processing_fee = self.processing_fee

        disbursement_date: str | Unset = UNSET
        if not isinstance(self.disbursement_date, Unset):
            disbursement_date = self.disbursement_date.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "principal": principal,
                "tenure": tenure,
            }
        )
        if product is not UNSET:
            field_dict["product"] = product
        if annual_rate is not UNSET:
            field_dict["annual_rate"] = annual_rate
        if interest_method is not UNSET:
            field_dict["interest_method"] = interest_method
        if amortization is not UNSET:
            field_dict["amortization"] = amortization
        if interest_period is not UNSET:
            field_dict["interest_period"] = interest_period
        if frequency is not UNSET:
            field_dict["frequency"] = frequency
        if installment_multiple is not UNSET:
            field_dict["installment_multiple"] = installment_multiple
        if rounding is not UNSET:
            field_dict["rounding"] = rounding
        if grace_on_principal is not UNSET:
            field_dict["grace_on_principal"] = grace_on_principal
        if processing_fee is not UNSET:
            field_dict["processing_fee"] = processing_fee
        if disbursement_date is not UNSET:
            field_dict["disbursement_date"] = disbursement_date

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        principal = d.pop("principal")

        tenure = d.pop("tenure")

        product = d.pop("product", UNSET)

        annual_rate = d.pop("annual_rate", UNSET)

        _interest_method = d.pop("interest_method", UNSET)
        interest_method: QuoteInterestMethodEnum | Unset
        if isinstance(_interest_method, Unset):
            interest_method = UNSET
        else:
            interest_method = check_quote_interest_method_enum(_interest_method)

        _amortization = d.pop("amortization", UNSET)
        amortization: QuoteAmortizationEnum | Unset
        if isinstance(_amortization, Unset):
            amortization = UNSET
        else:
            amortization = check_quote_amortization_enum(_amortization)

        _interest_period = d.pop("interest_period", UNSET)
        interest_period: QuoteInterestPeriodEnum | Unset
        if isinstance(_interest_period, Unset):
            interest_period = UNSET
        else:
            interest_period = check_quote_interest_period_enum(_interest_period)

        _frequency = d.pop("frequency", UNSET)
        frequency: QuoteFrequencyEnum | Unset
        if isinstance(_frequency, Unset):
            frequency = UNSET
        else:
            frequency = check_quote_frequency_enum(_frequency)

        _installment_multiple = d.pop("installment_multiple", UNSET)
        installment_multiple: QuoteInstallmentMultipleEnum | Unset
        if isinstance(_installment_multiple, Unset):
            installment_multiple = UNSET
        else:
            installment_multiple = check_quote_installment_multiple_enum(_installment_multiple)

        _rounding = d.pop("rounding", UNSET)
        rounding: QuoteRoundingEnum | Unset
        if isinstance(_rounding, Unset):
            rounding = UNSET
        else:
            rounding = check_quote_rounding_enum(_rounding)

        grace_on_principal = d.pop("grace_on_principal", UNSET)

        processing_fee = d.pop("processing_fee", UNSET)

        _disbursement_date = d.pop("disbursement_date", UNSET)
        disbursement_date: datetime.date | Unset
        if isinstance(_disbursement_date, Unset):
            disbursement_date = UNSET
        else:
            disbursement_date = datetime.date.fromisoformat(_disbursement_date)

        quote_request = cls(
            principal=principal,
            tenure=tenure,
            product=product,
            annual_rate=annual_rate,
            interest_method=interest_method,
            amortization=amortization,
            interest_period=interest_period,
            frequency=frequency,
            installment_multiple=installment_multiple,
            rounding=rounding,
            grace_on_principal=grace_on_principal,
            processing_fee=processing_fee,
            disbursement_date=disbursement_date,
        )

        quote_request.additional_properties = d
        return quote_request

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
