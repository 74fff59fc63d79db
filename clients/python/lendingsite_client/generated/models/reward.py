from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.blank_enum import BlankEnum, check_blank_enum
from ..models.payout_method_enum import PayoutMethodEnum, check_payout_method_enum
from ..models.review_state_enum import ReviewStateEnum, check_review_state_enum
from ..models.reward_status_enum import RewardStatusEnum, check_reward_status_enum

if TYPE_CHECKING:
    from ..models.reward_reasons_item import RewardReasonsItem


T = TypeVar("T", bound="Reward")


@_attrs_define
class Reward:
    """
    Attributes:
        id (int):
        referral (int):
        referrer (int):
        referred_first_name (str):
        loan (int):
        programme (int):
        amount (str):
        status (RewardStatusEnum): * `pending` - Pending
            * `earned` - Earned
            * `paid` - Paid
            * `void` - Void
        review_state (BlankEnum | ReviewStateEnum):
        flags (Any):
        reasons (list[RewardReasonsItem]):
        proposed_decision (str):
        proposed_by (int | None):
        decided_by (int | None):
        void_reason (str):
        earned_on (datetime.date | None):
        paid_on (datetime.date | None):
        payout_method (BlankEnum | PayoutMethodEnum):
        payment (int | None):
        created_on (datetime.date):
    """

    id: int
    referral: int
    referrer: int
    referred_first_name: str
    loan: int
    programme: int
    amount: str
    status: RewardStatusEnum
    review_state: BlankEnum | ReviewStateEnum
    flags: Any
    reasons: list[RewardReasonsItem]
    proposed_decision: str
    proposed_by: int | None
    decided_by: int | None
    void_reason: str
    earned_on: datetime.date | None
    paid_on: datetime.date | None
    payout_method: BlankEnum | PayoutMethodEnum
    payment: int | None
    created_on: datetime.date
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        referral = self.referral

        referrer = self.referrer

        referred_first_name = self.referred_first_name

        loan = self.loan

        programme = self.programme

        amount = self.amount

        status: str = self.status

        review_state: str
        if isinstance(self.review_state, str):
            review_state = self.review_state
        else:
            review_state = self.review_state

        flags = self.flags

        reasons = []
        for reasons_item_data in self.reasons:
            reasons_item = reasons_item_data.to_dict()
            reasons.append(reasons_item)

        proposed_decision = self.proposed_decision

        proposed_by: int | None
        proposed_by = self.proposed_by

        decided_by: int | None
        decided_by = self.decided_by

        void_reason = self.void_reason

        earned_on: None | str
        if isinstance(self.earned_on, datetime.date):
            earned_on = self.earned_on.isoformat()
        else:
            earned_on = self.earned_on

        paid_on: None | str
        if isinstance(self.paid_on, datetime.date):
            paid_on = self.paid_on.isoformat()
        else:
            paid_on = self.paid_on

        payout_method: str
        if isinstance(self.payout_method, str):
            payout_method = self.payout_method
        else:
            payout_method = self.payout_method

        payment: int | None
        payment = self.payment

        created_on = self.created_on.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "referral": referral,
                "referrer": referrer,
                "referred_first_name": referred_first_name,
                "loan": loan,
                "programme": programme,
                "amount": amount,
                "status": status,
                "review_state": review_state,
                "flags": flags,
                "reasons": reasons,
                "proposed_decision": proposed_decision,
                "proposed_by": proposed_by,
                "decided_by": decided_by,
                "void_reason": void_reason,
                "earned_on": earned_on,
                "paid_on": paid_on,
                "payout_method": payout_method,
                "payment": payment,
                "created_on": created_on,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.reward_reasons_item import RewardReasonsItem  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        referral = d.pop("referral")

        referrer = d.pop("referrer")

        referred_first_name = d.pop("referred_first_name")

        loan = d.pop("loan")

        programme = d.pop("programme")

        amount = d.pop("amount")

        status = check_reward_status_enum(d.pop("status"))

        def _parse_review_state(data: object) -> BlankEnum | ReviewStateEnum:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                review_state_type_0 = check_review_state_enum(data)

                return review_state_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, str):
                raise TypeError()
            review_state_type_1 = check_blank_enum(data)

            return review_state_type_1

        review_state = _parse_review_state(d.pop("review_state"))

        flags = d.pop("flags")

        reasons = []
        _reasons = d.pop("reasons")
        for reasons_item_data in _reasons:
            reasons_item = RewardReasonsItem.from_dict(reasons_item_data)

            reasons.append(reasons_item)

        proposed_decision = d.pop("proposed_decision")

        def _parse_proposed_by(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        proposed_by = _parse_proposed_by(d.pop("proposed_by"))

        def _parse_decided_by(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        decided_by = _parse_decided_by(d.pop("decided_by"))

        void_reason = d.pop("void_reason")

        def _parse_earned_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                earned_on_type_0 = datetime.date.fromisoformat(data)

                return earned_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        earned_on = _parse_earned_on(d.pop("earned_on"))

        def _parse_paid_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                paid_on_type_0 = datetime.date.fromisoformat(data)

                return paid_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        paid_on = _parse_paid_on(d.pop("paid_on"))

        def _parse_payout_method(data: object) -> BlankEnum | PayoutMethodEnum:
            try:
                if not isinstance(data, str):
                    raise TypeError()
                payout_method_type_0 = check_payout_method_enum(data)

                return payout_method_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, str):
                raise TypeError()
            payout_method_type_1 = check_blank_enum(data)

            return payout_method_type_1

        payout_method = _parse_payout_method(d.pop("payout_method"))

        def _parse_payment(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        payment = _parse_payment(d.pop("payment"))

        created_on = datetime.date.fromisoformat(d.pop("created_on"))

        reward = cls(
            id=id,
            referral=referral,
            referrer=referrer,
            referred_first_name=referred_first_name,
            loan=loan,
            programme=programme,
            amount=amount,
            status=status,
            review_state=review_state,
            flags=flags,
            reasons=reasons,
            proposed_decision=proposed_decision,
            proposed_by=proposed_by,
            decided_by=decided_by,
            void_reason=void_reason,
            earned_on=earned_on,
            paid_on=paid_on,
            payout_method=payout_method,
            payment=payment,
            created_on=created_on,
        )

        reward.additional_properties = d
        return reward

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
