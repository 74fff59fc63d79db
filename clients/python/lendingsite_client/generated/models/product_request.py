from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.allocation_strategy_enum import AllocationStrategyEnum, check_allocation_strategy_enum
from ..models.penal_charge_type_enum import PenalChargeTypeEnum, check_penal_charge_type_enum
from ..models.prepayment_strategy_enum import PrepaymentStrategyEnum, check_prepayment_strategy_enum
from ..models.product_amortization_enum import (
    ProductAmortizationEnum,
    check_product_amortization_enum,
)
from ..models.product_frequency_enum import ProductFrequencyEnum, check_product_frequency_enum
from ..models.product_installment_multiple_enum import (
    ProductInstallmentMultipleEnum,
    check_product_installment_multiple_enum,
)
from ..models.product_interest_method_enum import (
    ProductInterestMethodEnum,
    check_product_interest_method_enum,
)
from ..models.product_interest_period_enum import (
    ProductInterestPeriodEnum,
    check_product_interest_period_enum,
)
from ..models.product_rounding_enum import ProductRoundingEnum, check_product_rounding_enum
from ..types import UNSET, Unset

T = TypeVar("T", bound="ProductRequest")


@_attrs_define
class ProductRequest:
    """Every term a product fixes: limits, the quote terms as its defaults (`default_rate`
    is the quote's `annual_rate`), charges, penal charges, strategies and collections.

        Attributes:
            code (str):
            name (str):
            min_amount (str):
            max_amount (str):
            min_tenure (int):
            max_tenure (int):
            min_rate (str):
            max_rate (str):
            default_rate (str):
            interest_method (ProductInterestMethodEnum | Unset): * `declining` - Declining balance
                * `flat` - Flat
            amortization (ProductAmortizationEnum | Unset): * `equal_installments` - Equal installments (EMI)
                * `equal_principal` - Equal principal
            interest_period (ProductInterestPeriodEnum | Unset): * `same_as_repayment` - Same as repayment period
                * `daily` - Daily (actual days / 365)
            frequency (ProductFrequencyEnum | Unset): * `monthly` - Monthly
                * `fortnightly` - Fortnightly
                * `weekly` - Weekly
            installment_multiple (ProductInstallmentMultipleEnum | Unset): * `0.01` - ₹0.01
                * `1.00` - ₹1
            rounding (ProductRoundingEnum | Unset): * `half_even` - Half even (banker's)
                * `half_up` - Half up
                * `up` - Up
            grace_on_principal (int | Unset):
            allocation_strategy (AllocationStrategyEnum | Unset): * `penal_fees_interest_principal` - Penal → fees →
                interest → principal
                * `interest_principal_penal_fees` - Interest → principal → penal → fees
            prepayment_strategy (PrepaymentStrategyEnum | Unset): * `reduce_tenure` - Reduce tenure
                * `reduce_emi` - Reduce installment
            description (str | Unset):
            is_active (bool | Unset):
            processing_fee_percent (str | Unset):
            processing_fee_flat (str | Unset):
            gst_percent (str | Unset):
            penal_charge_type (PenalChargeTypeEnum | Unset): * `flat` - Flat amount per overdue installment
                * `percent_of_overdue` - Percent of the overdue amount
            penal_charge_flat (str | Unset):
            penal_charge_percent (str | Unset):
            penal_grace_days (int | Unset):
            bounce_charge (str | Unset):
            restructure_capitalises_arrears (bool | Unset):
            moratorium_accrues_interest (bool | Unset):
            cooling_off_days (int | Unset):
            npa_threshold_days (int | Unset):
            materiality_floor (str | Unset):
            max_foir_percent (str | Unset):
            kfs_validity_working_days (int | Unset):
    """

    code: str
    name: str
    min_amount: str
    max_amount: str
    min_tenure: int
    max_tenure: int
    min_rate: str
    max_rate: str
    default_rate: str
    interest_method: ProductInterestMethodEnum | Unset = UNSET
    amortization: ProductAmortizationEnum | Unset = UNSET
    interest_period: ProductInterestPeriodEnum | Unset = UNSET
    frequency: ProductFrequencyEnum | Unset = UNSET
    installment_multiple: ProductInstallmentMultipleEnum | Unset = UNSET
    rounding: ProductRoundingEnum | Unset = UNSET
    grace_on_principal: int | Unset = UNSET
    allocation_strategy: AllocationStrategyEnum | Unset = UNSET
    prepayment_strategy: PrepaymentStrategyEnum | Unset = UNSET
    description: str | Unset = UNSET
    is_active: bool | Unset = UNSET
    processing_fee_percent: str | Unset = UNSET
    processing_fee_flat: str | Unset = UNSET
    gst_percent: str | Unset = UNSET
    penal_charge_type: PenalChargeTypeEnum | Unset = UNSET
    penal_charge_flat: str | Unset = UNSET
    penal_charge_percent: str | Unset = UNSET
    penal_grace_days: int | Unset = UNSET
    bounce_charge: str | Unset = UNSET
    restructure_capitalises_arrears: bool | Unset = UNSET
    moratorium_accrues_interest: bool | Unset = UNSET
    cooling_off_days: int | Unset = UNSET
    npa_threshold_days: int | Unset = UNSET
    materiality_floor: str | Unset = UNSET
    max_foir_percent: str | Unset = UNSET
    kfs_validity_working_days: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        name = self.name

        min_amount = self.min_amount

        max_amount = self.max_amount

        min_tenure = self.min_tenure

        max_tenure = self.max_tenure

        min_rate = self.min_rate

        max_rate = self.max_rate

        default_rate = self.default_rate

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

        allocation_strategy: str | Unset = UNSET
        if not isinstance(self.allocation_strategy, Unset):
            allocation_strategy = self.allocation_strategy

        prepayment_strategy: str | Unset = UNSET
        if not isinstance(self.prepayment_strategy, Unset):
            prepayment_strategy = self.prepayment_strategy

        description = self.description

        is_active = self.is_active

        processing_fee_percent = self.processing_fee_percent

        processing_fee_flat = self.processing_fee_flat

        gst_percent = self.gst_percent

        penal_charge_type: str | Unset = UNSET
        if not isinstance(self.penal_charge_type, Unset):
            penal_charge_type = self.penal_charge_type

        penal_charge_flat = self.penal_charge_flat

        penal_charge_percent = self.penal_charge_percent

        penal_grace_days = self.penal_grace_days

        bounce_charge = self.bounce_charge

        restructure_capitalises_arrears = self.restructure_capitalises_arrears

        moratorium_accrues_interest = self.moratorium_accrues_interest

        cooling_off_days = self.cooling_off_days

        npa_threshold_days = self.npa_threshold_days

        materiality_floor = self.materiality_floor

        max_foir_percent = self.max_foir_percent

        kfs_validity_working_days = self.kfs_validity_working_days

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "name": name,
                "min_amount": min_amount,
                "max_amount": max_amount,
                "min_tenure": min_tenure,
                "max_tenure": max_tenure,
                "min_rate": min_rate,
                "max_rate": max_rate,
                "default_rate": default_rate,
            }
        )
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
        if allocation_strategy is not UNSET:
            field_dict["allocation_strategy"] = allocation_strategy
        if prepayment_strategy is not UNSET:
            field_dict["prepayment_strategy"] = prepayment_strategy
        if description is not UNSET:
            field_dict["description"] = description
        if is_active is not UNSET:
            field_dict["is_active"] = is_active
        if processing_fee_percent is not UNSET:
            field_dict["processing_fee_percent"] = processing_fee_percent
        if processing_fee_flat is not UNSET:
            field_dict["processing_fee_flat"] = processing_fee_flat
        if gst_percent is not UNSET:
            field_dict["gst_percent"] = gst_percent
        if penal_charge_type is not UNSET:
            field_dict["penal_charge_type"] = penal_charge_type
        if penal_charge_flat is not UNSET:
            field_dict["penal_charge_flat"] = penal_charge_flat
        if penal_charge_percent is not UNSET:
            field_dict["penal_charge_percent"] = penal_charge_percent
        if penal_grace_days is not UNSET:
            field_dict["penal_grace_days"] = penal_grace_days
        if bounce_charge is not UNSET:
            field_dict["bounce_charge"] = bounce_charge
        if restructure_capitalises_arrears is not UNSET:
            field_dict["restructure_capitalises_arrears"] = restructure_capitalises_arrears
        if moratorium_accrues_interest is not UNSET:
            field_dict["moratorium_accrues_interest"] = moratorium_accrues_interest
        if cooling_off_days is not UNSET:
            field_dict["cooling_off_days"] = cooling_off_days
        if npa_threshold_days is not UNSET:
            field_dict["npa_threshold_days"] = npa_threshold_days
        if materiality_floor is not UNSET:
            field_dict["materiality_floor"] = materiality_floor
        if max_foir_percent is not UNSET:
            field_dict["max_foir_percent"] = max_foir_percent
        if kfs_validity_working_days is not UNSET:
            field_dict["kfs_validity_working_days"] = kfs_validity_working_days

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        name = d.pop("name")

        min_amount = d.pop("min_amount")

        max_amount = d.pop("max_amount")

        min_tenure = d.pop("min_tenure")

        max_tenure = d.pop("max_tenure")

        min_rate = d.pop("min_rate")

        max_rate = d.pop("max_rate")

        default_rate = d.pop("default_rate")

        _interest_method = d.pop("interest_method", UNSET)
        interest_method: ProductInterestMethodEnum | Unset
        if isinstance(_interest_method, Unset):
            interest_method = UNSET
        else:
            interest_method = check_product_interest_method_enum(_interest_method)

        _amortization = d.pop("amortization", UNSET)
        amortization: ProductAmortizationEnum | Unset
        if isinstance(_amortization, Unset):
            amortization = UNSET
        else:
            amortization = check_product_amortization_enum(_amortization)

        _interest_period = d.pop("interest_period", UNSET)
        interest_period: ProductInterestPeriodEnum | Unset
        if isinstance(_interest_period, Unset):
            interest_period = UNSET
        else:
            interest_period = check_product_interest_period_enum(_interest_period)

        _frequency = d.pop("frequency", UNSET)
        frequency: ProductFrequencyEnum | Unset
        if isinstance(_frequency, Unset):
            frequency = UNSET
        else:
            frequency = check_product_frequency_enum(_frequency)

        _installment_multiple = d.pop("installment_multiple", UNSET)
        installment_multiple: ProductInstallmentMultipleEnum | Unset
        if isinstance(_installment_multiple, Unset):
            installment_multiple = UNSET
        else:
            installment_multiple = check_product_installment_multiple_enum(_installment_multiple)

        _rounding = d.pop("rounding", UNSET)
        rounding: ProductRoundingEnum | Unset
        if isinstance(_rounding, Unset):
            rounding = UNSET
        else:
            rounding = check_product_rounding_enum(_rounding)

        grace_on_principal = d.pop("grace_on_principal", UNSET)

        _allocation_strategy = d.pop("allocation_strategy", UNSET)
        allocation_strategy: AllocationStrategyEnum | Unset
        if isinstance(_allocation_strategy, Unset):
            allocation_strategy = UNSET
        else:
            allocation_strategy = check_allocation_strategy_enum(_allocation_strategy)

        _prepayment_strategy = d.pop("prepayment_strategy", UNSET)
        prepayment_strategy: PrepaymentStrategyEnum | Unset
        if isinstance(_prepayment_strategy, Unset):
            prepayment_strategy = UNSET
        else:
            prepayment_strategy = check_prepayment_strategy_enum(_prepayment_strategy)

        description = d.pop("description", UNSET)

        is_active = d.pop("is_active", UNSET)

        processing_fee_percent = d.pop("processing_fee_percent", UNSET)

        processing_fee_flat = d.pop("processing_fee_flat", UNSET)

        gst_percent = d.pop("gst_percent", UNSET)

        _penal_charge_type = d.pop("penal_charge_type", UNSET)
        penal_charge_type: PenalChargeTypeEnum | Unset
        if isinstance(_penal_charge_type, Unset):
            penal_charge_type = UNSET
        else:
            penal_charge_type = check_penal_charge_type_enum(_penal_charge_type)

        penal_charge_flat = d.pop("penal_charge_flat", UNSET)

        penal_charge_percent = d.pop("penal_charge_percent", UNSET)

        penal_grace_days = d.pop("penal_grace_days", UNSET)

        bounce_charge = d.pop("bounce_charge", UNSET)

        restructure_capitalises_arrears = d.pop("restructure_capitalises_arrears", UNSET)

        moratorium_accrues_interest = d.pop("moratorium_accrues_interest", UNSET)

        cooling_off_days = d.pop("cooling_off_days", UNSET)

        npa_threshold_days = d.pop("npa_threshold_days", UNSET)

        materiality_floor = d.pop("materiality_floor", UNSET)

        max_foir_percent = d.pop("max_foir_percent", UNSET)

        kfs_validity_working_days = d.pop("kfs_validity_working_days", UNSET)

        product_request = cls(
            code=code,
            name=name,
            min_amount=min_amount,
            max_amount=max_amount,
            min_tenure=min_tenure,
            max_tenure=max_tenure,
            min_rate=min_rate,
            max_rate=max_rate,
            default_rate=default_rate,
            interest_method=interest_method,
            amortization=amortization,
            interest_period=interest_period,
            frequency=frequency,
            installment_multiple=installment_multiple,
            rounding=rounding,
            grace_on_principal=grace_on_principal,
            allocation_strategy=allocation_strategy,
            prepayment_strategy=prepayment_strategy,
            description=description,
            is_active=is_active,
            processing_fee_percent=processing_fee_percent,
            processing_fee_flat=processing_fee_flat,
            gst_percent=gst_percent,
            penal_charge_type=penal_charge_type,
            penal_charge_flat=penal_charge_flat,
            penal_charge_percent=penal_charge_percent,
            penal_grace_days=penal_grace_days,
            bounce_charge=bounce_charge,
            restructure_capitalises_arrears=restructure_capitalises_arrears,
            moratorium_accrues_interest=moratorium_accrues_interest,
            cooling_off_days=cooling_off_days,
            npa_threshold_days=npa_threshold_days,
            materiality_floor=materiality_floor,
            max_foir_percent=max_foir_percent,
            kfs_validity_working_days=kfs_validity_working_days,
        )

        product_request.additional_properties = d
        return product_request

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
