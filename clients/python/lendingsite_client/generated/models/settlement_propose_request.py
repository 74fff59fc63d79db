from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.settlement_installment_request import SettlementInstallmentRequest


T = TypeVar("T", bound="SettlementProposeRequest")


@_attrs_define
class SettlementProposeRequest:
    """
    Attributes:
        amount (str): The agreed amount: more than zero, less than the dues.
        reason (str):
        installments (list[SettlementInstallmentRequest] | Unset): Dates rising from today, adding up to the amount;
            default one in 30 days.
        grace_days (int | Unset):
    """

    amount: str
    reason: str
    installments: list[SettlementInstallmentRequest] | Unset = UNSET
    grace_days: int | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        amount = self.amount

        reason = self.reason

        installments: list[dict[str, Any]] | Unset = UNSET
        if not isinstance(self.installments, Unset):
            installments = []
            for installments_item_data in self.installments:
                installments_item = installments_item_data.to_dict()
                installments.append(installments_item)

        grace_days = self.grace_days

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "amount": amount,
                "reason": reason,
            }
        )
        if installments is not UNSET:
            field_dict["installments"] = installments
        if grace_days is not UNSET:
            field_dict["grace_days"] = grace_days

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.settlement_installment_request import SettlementInstallmentRequest  # noqa: PLC0415

        d = dict(src_dict)
        amount = d.pop("amount")

        reason = d.pop("reason")

        _installments = d.pop("installments", UNSET)
        installments: list[SettlementInstallmentRequest] | Unset = UNSET
        if _installments is not UNSET:
            installments = []
            for installments_item_data in _installments:
                installments_item = SettlementInstallmentRequest.from_dict(installments_item_data)

                installments.append(installments_item)

        grace_days = d.pop("grace_days", UNSET)

        settlement_propose_request = cls(
            amount=amount,
            reason=reason,
            installments=installments,
            grace_days=grace_days,
        )

        settlement_propose_request.additional_properties = d
        return settlement_propose_request

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
