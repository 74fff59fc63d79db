from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.loan_after import LoanAfter


T = TypeVar("T", bound="Reversal")


@_attrs_define
class Reversal:
    """
    Attributes:
        id (int):
        payment (int):
        reason (str):
        reversed_by (int):
        reversed_on (datetime.date):
        loan_after (LoanAfter): repayments.selectors.loan_after: the loan as it stands after the operation.
    """

    id: int
    payment: int
    reason: str
    reversed_by: int
    reversed_on: datetime.date
    loan_after: LoanAfter
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        payment = self.payment

        reason = self.reason

        reversed_by = self.reversed_by

        reversed_on = self.reversed_on.isoformat()

        loan_after = self.loan_after.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "payment": payment,
                "reason": reason,
                "reversed_by": reversed_by,
                "reversed_on": reversed_on,
                "loan_after": loan_after,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.loan_after import LoanAfter  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        payment = d.pop("payment")

        reason = d.pop("reason")

        reversed_by = d.pop("reversed_by")

        reversed_on = datetime.date.fromisoformat(d.pop("reversed_on"))

        loan_after = LoanAfter.from_dict(d.pop("loan_after"))

        reversal = cls(
            id=id,
            payment=payment,
            reason=reason,
            reversed_by=reversed_by,
            reversed_on=reversed_on,
            loan_after=loan_after,
        )

        reversal.additional_properties = d
        return reversal

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
