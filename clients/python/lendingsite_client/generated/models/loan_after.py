from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="LoanAfter")


@_attrs_define
class LoanAfter:
    """repayments.selectors.loan_after: the loan as it stands after the operation.

    Attributes:
        status (str):
        principal_outstanding (str):
        total_outstanding (str):
        dpd (int):
        bucket (str):
    """

    status: str
    principal_outstanding: str
    total_outstanding: str
    dpd: int
    bucket: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        status = self.status

        principal_outstanding = self.principal_outstanding

        total_outstanding = self.total_outstanding

        dpd = self.dpd

        bucket = self.bucket

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "status": status,
                "principal_outstanding": principal_outstanding,
                "total_outstanding": total_outstanding,
                "dpd": dpd,
                "bucket": bucket,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        status = d.pop("status")

        principal_outstanding = d.pop("principal_outstanding")

        total_outstanding = d.pop("total_outstanding")

        dpd = d.pop("dpd")

        bucket = d.pop("bucket")

        loan_after = cls(
            status=status,
            principal_outstanding=principal_outstanding,
            total_outstanding=total_outstanding,
            dpd=dpd,
            bucket=bucket,
        )

        loan_after.additional_properties = d
        return loan_after

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
