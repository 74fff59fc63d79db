from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.blank_enum import BlankEnum, check_blank_enum
from ..models.employment_type_enum import EmploymentTypeEnum, check_employment_type_enum

T = TypeVar("T", bound="Profile")


@_attrs_define
class Profile:
    """
    Attributes:
        id (int):
        email (str):
        full_name (str):
        phone (str):
        pan (str):
        date_of_birth (None | str):
        address (str):
        employment_type (BlankEnum | EmploymentTypeEnum):
        employer (str):
        monthly_income (None | str):
        kyc_verified (bool):
        updated_at (datetime.datetime):
    """

    id: int
    email: str
    full_name: str
    phone: str
    pan: str
    date_of_birth: None | str
    address: str
    employment_type: BlankEnum | EmploymentTypeEnum
    employer: str
    monthly_income: None | str
    kyc_verified: bool
    updated_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        email = self.email

        full_name = self.full_name

        phone = self.phone

        pan = self.pan

        date_of_birth: None | str
        date_of_birth = self.date_of_birth

        address = self.address

        employment_type: str
        if isinstance(self.employment_type, str):
            employment_type = self.employment_type
        else:
            employment_type = self.employment_type

        employer = self.employer

        monthly_income: None | str
        monthly_income = self.monthly_income

        kyc_verified = self.kyc_verified

        updated_at = self.updated_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "email": email,
                "full_name": full_name,
                "phone": phone,
                "pan": pan,
                "date_of_birth": date_of_birth,
                "address": address,
                "employment_type": employment_type,
                "employer": employer,
                "monthly_income": monthly_income,
                "kyc_verified": kyc_verified,
                "updated_at": updated_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        email = d.pop("email")

        full_name = d.pop("full_name")

        phone = d.pop("phone")

        pan = d.pop("pan")

        def _parse_date_of_birth(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        date_of_birth = _parse_date_of_birth(d.pop("date_of_birth"))

        address = d.pop("address")

        def _parse_employment_type(data: object) -> BlankEnum | EmploymentTypeEnum:
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

        employment_type = _parse_employment_type(d.pop("employment_type"))

        employer = d.pop("employer")

        def _parse_monthly_income(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        monthly_income = _parse_monthly_income(d.pop("monthly_income"))

        kyc_verified = d.pop("kyc_verified")

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        profile = cls(
            id=id,
            email=email,
            full_name=full_name,
            phone=phone,
            pan=pan,
            date_of_birth=date_of_birth,
            address=address,
            employment_type=employment_type,
            employer=employer,
            monthly_income=monthly_income,
            kyc_verified=kyc_verified,
            updated_at=updated_at,
        )

        profile.additional_properties = d
        return profile

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
