from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.blank_enum import BlankEnum, check_blank_enum
from ..models.employment_type_enum import EmploymentTypeEnum, check_employment_type_enum
from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedProfileUpdateRequest")


@_attrs_define
class PatchedProfileUpdateRequest:
    """
    Attributes:
        full_name (str | Unset):
        phone (str | Unset):
        pan (str | Unset):
        date_of_birth (datetime.date | None | Unset):
        address (str | Unset):
        employment_type (BlankEnum | EmploymentTypeEnum | Unset):
        employer (str | Unset):
        monthly_income (None | str | Unset):
    """

    full_name: str | Unset = UNSET
    phone: str | Unset = UNSET
    pan: str | Unset = UNSET
    date_of_birth: datetime.date | None | Unset = UNSET
    address: str | Unset = UNSET
    employment_type: BlankEnum | EmploymentTypeEnum | Unset = UNSET
    employer: str | Unset = UNSET
    monthly_income: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        full_name = self.full_name

        phone = self.phone

        pan = self.pan

        date_of_birth: None | str | Unset
        if isinstance(self.date_of_birth, Unset):
            date_of_birth = UNSET
        elif isinstance(self.date_of_birth, datetime.date):
            date_of_birth = self.date_of_birth.isoformat()
        else:
            date_of_birth = self.date_of_birth

        address = self.address

        employment_type: str | Unset
        if isinstance(self.employment_type, Unset):
            employment_type = UNSET
        elif isinstance(self.employment_type, str):
            employment_type = self.employment_type
        else:
            employment_type = self.employment_type

        employer = self.employer

        monthly_income: None | str | Unset
        if isinstance(self.monthly_income, Unset):
            monthly_income = UNSET
        else:
            monthly_income = self.monthly_income

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if full_name is not UNSET:
            field_dict["full_name"] = full_name
        if phone is not UNSET:
            field_dict["phone"] = phone
        if pan is not UNSET:
            field_dict["pan"] = pan
        if date_of_birth is not UNSET:
            field_dict["date_of_birth"] = date_of_birth
        if address is not UNSET:
            field_dict["address"] = address
        if employment_type is not UNSET:
            field_dict["employment_type"] = employment_type
        if employer is not UNSET:
            field_dict["employer"] = employer
        if monthly_income is not UNSET:
            field_dict["monthly_income"] = monthly_income

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        full_name = d.pop("full_name", UNSET)

        phone = d.pop("phone", UNSET)

        pan = d.pop("pan", UNSET)

        def _parse_date_of_birth(data: object) -> datetime.date | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                date_of_birth_type_0 = datetime.date.fromisoformat(data)

                return date_of_birth_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None | Unset, data)

        date_of_birth = _parse_date_of_birth(d.pop("date_of_birth", UNSET))

        address = d.pop("address", UNSET)

        def _parse_employment_type(data: object) -> BlankEnum | EmploymentTypeEnum | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                employment_type_type_0 = check_employment_type_enum(data)

                return employment_type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, str):
                raise TypeError()
            employment_type_type_1 = check_blank_enum(data)

            return employment_type_type_1

        employment_type = _parse_employment_type(d.pop("employment_type", UNSET))

        employer = d.pop("employer", UNSET)

        def _parse_monthly_income(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        monthly_income = _parse_monthly_income(d.pop("monthly_income", UNSET))

        patched_profile_update_request = cls(
            full_name=full_name,
            phone=phone,
            pan=pan,
            date_of_birth=date_of_birth,
            address=address,
            employment_type=employment_type,
            employer=employer,
            monthly_income=monthly_income,
        )

        patched_profile_update_request.additional_properties = d
        return patched_profile_update_request

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
