from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Kfs")


@_attrs_define
class Kfs:
    """The frozen KFS as stored at approval (every key of loans.kfs.kfs_build) plus its hash.

    Attributes:
        application_id (int):
        kfs_hash (str):
        principal (str):
        annual_rate (str):
        apr (str):
        total_interest (str):
        total_charges (str):
        net_disbursed (str):
        total_payable (str):
        valid_until (datetime.date):
    """

    application_id: int
    kfs_hash: str
    principal: str
    annual_rate: str
    apr: str
    total_interest: str
    total_charges: str
    net_disbursed: str
    total_payable: str
    valid_until: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        application_id = self.application_id

        kfs_hash = self.kfs_hash

        principal = self.principal

        annual_rate = self.annual_rate

        apr = self.apr

        total_interest = self.total_interest

        total_charges = self.total_charges

        net_disbursed = self.net_disbursed

        total_payable = self.total_payable

        valid_until = self.valid_until.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "application_id": application_id,
                "kfs_hash": kfs_hash,
                "principal": principal,
                "annual_rate": annual_rate,
                "apr": apr,
                "total_interest": total_interest,
                "total_charges": total_charges,
                "net_disbursed": net_disbursed,
                "total_payable": total_payable,
                "valid_until": valid_until,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        application_id = d.pop("application_id")

        kfs_hash = d.pop("kfs_hash")

        principal = d.pop("principal")

        annual_rate = d.pop("annual_rate")

        apr = d.pop("apr")

        total_interest = d.pop("total_interest")

        total_charges = d.pop("total_charges")

        net_disbursed = d.pop("net_disbursed")

        total_payable = d.pop("total_payable")

        valid_until = datetime.date.fromisoformat(d.pop("valid_until"))

        kfs = cls(
            application_id=application_id,
            kfs_hash=kfs_hash,
            principal=principal,
            annual_rate=annual_rate,
            apr=apr,
            total_interest=total_interest,
            total_charges=total_charges,
            net_disbursed=net_disbursed,
            total_payable=total_payable,
            valid_until=valid_until,
        )

        kfs.additional_properties = d
        return kfs

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
