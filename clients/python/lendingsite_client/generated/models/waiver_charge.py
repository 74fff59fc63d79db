from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.charge_kind_enum import ChargeKindEnum, check_charge_kind_enum
from ..models.charge_status_enum import ChargeStatusEnum, check_charge_status_enum

T = TypeVar("T", bound="WaiverCharge")


@_attrs_define
class WaiverCharge:
    """The waived charge as it stands (after an approval: its lower amount in force).

    Attributes:
        id (int):
        kind (ChargeKindEnum): * `penal` - Penal charge
            * `fee` - Fee
        amount (str):
        status (ChargeStatusEnum): * `in_force` - In force
            * `reversed` - Reversed (void)
            * `waived` - Waived
        waived_amount (str):
        amount_in_force (str):
    """

    id: int
    kind: ChargeKindEnum
    amount: str
    status: ChargeStatusEnum
    waived_amount: str
    amount_in_force: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        kind: str = self.kind

        amount = self.amount

        status: str = self.status

        waived_amount = self.waived_amount

        amount_in_force = self.amount_in_force

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "kind": kind,
                "amount": amount,
                "status": status,
                "waived_amount": waived_amount,
                "amount_in_force": amount_in_force,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        kind = check_charge_kind_enum(d.pop("kind"))

        amount = d.pop("amount")

        status = check_charge_status_enum(d.pop("status"))

        waived_amount = d.pop("waived_amount")

        amount_in_force = d.pop("amount_in_force")

        waiver_charge = cls(
            id=id,
            kind=kind,
            amount=amount,
            status=status,
            waived_amount=waived_amount,
            amount_in_force=amount_in_force,
        )

        waiver_charge.additional_properties = d
        return waiver_charge

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
