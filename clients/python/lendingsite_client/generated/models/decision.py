from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.decision_account import DecisionAccount
    from ..models.decision_offer import DecisionOffer
    from ..models.reason import Reason


T = TypeVar("T", bound="Decision")


@_attrs_define
class Decision:
    """Today's score and what approving now would do (GET …/decision/).

    Attributes:
        score (int):
        grade (str):
        reasons (list[Reason]):
        hard_stops (list[str]):
        hard_stops_not_overridden (list[str]):
        hard_stops_not_overridable (list[str]):
        offer (DecisionOffer):
        bank_account (DecisionAccount | None):
        can_approve (bool):
    """

    score: int
    grade: str
    reasons: list[Reason]
    hard_stops: list[str]
    hard_stops_not_overridden: list[str]
    hard_stops_not_overridable: list[str]
    offer: DecisionOffer
    bank_account: DecisionAccount | None
    can_approve: bool
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.decision_account import DecisionAccount  # noqa: PLC0415

        score = self.score

        grade = self.grade

        reasons = []
        for reasons_item_data in self.reasons:
            reasons_item = reasons_item_data.to_dict()
            reasons.append(reasons_item)

        hard_stops = self.hard_stops

        hard_stops_not_overridden = self.hard_stops_not_overridden

        hard_stops_not_overridable = self.hard_stops_not_overridable

        offer = self.offer.to_dict()

        bank_account: dict[str, Any] | None
        if isinstance(self.bank_account, DecisionAccount):
            bank_account = self.bank_account.to_dict()
        else:
            bank_account = self.bank_account

        can_approve = self.can_approve

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "score": score,
                "grade": grade,
                "reasons": reasons,
                "hard_stops": hard_stops,
                "hard_stops_not_overridden": hard_stops_not_overridden,
                "hard_stops_not_overridable": hard_stops_not_overridable,
                "offer": offer,
                "bank_account": bank_account,
                "can_approve": can_approve,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.decision_account import DecisionAccount  # noqa: PLC0415
        from ..models.decision_offer import DecisionOffer  # noqa: PLC0415
        from ..models.reason import Reason  # noqa: PLC0415

        d = dict(src_dict)
        score = d.pop("score")

        grade = d.pop("grade")

        reasons = []
        _reasons = d.pop("reasons")
        for reasons_item_data in _reasons:
            reasons_item = Reason.from_dict(reasons_item_data)

            reasons.append(reasons_item)

        hard_stops = cast(list[str], d.pop("hard_stops"))

        hard_stops_not_overridden = cast(list[str], d.pop("hard_stops_not_overridden"))

        hard_stops_not_overridable = cast(list[str], d.pop("hard_stops_not_overridable"))

        offer = DecisionOffer.from_dict(d.pop("offer"))

        def _parse_bank_account(data: object) -> DecisionAccount | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                bank_account_type_1 = DecisionAccount.from_dict(data)

                return bank_account_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DecisionAccount | None, data)

        bank_account = _parse_bank_account(d.pop("bank_account"))

        can_approve = d.pop("can_approve")

        decision = cls(
            score=score,
            grade=grade,
            reasons=reasons,
            hard_stops=hard_stops,
            hard_stops_not_overridden=hard_stops_not_overridden,
            hard_stops_not_overridable=hard_stops_not_overridable,
            offer=offer,
            bank_account=bank_account,
            can_approve=can_approve,
        )

        decision.additional_properties = d
        return decision

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
