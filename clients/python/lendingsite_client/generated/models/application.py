from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.application_status_enum import ApplicationStatusEnum, check_application_status_enum

if TYPE_CHECKING:
    from ..models.override import Override
    from ..models.reason import Reason


T = TypeVar("T", bound="Application")


@_attrs_define
class Application:
    """
    Attributes:
        id (int):
        borrower (int):
        product (str):
        amount (str):
        tenure (int):
        purpose (str):
        monthly_income (str):
        existing_emis (str):
        status (ApplicationStatusEnum): * `draft` - Draft
            * `submitted` - Submitted
            * `under_review` - Under review
            * `approved` - Approved (offer made)
            * `rejected` - Rejected
            * `withdrawn` - Withdrawn
            * `expired` - Offer expired
            * `accepted` - Offer accepted
        score (int | None):
        grade (str):
        reasons (list[Reason]):
        hard_stops (list[str]):
        hard_stop_override (None | Override):
        submitted_at (datetime.datetime | None):
        created_by (int):
        recommended_by (int | None):
        decided_by (int | None):
        decided_at (datetime.datetime | None):
        decision_reason (str):
        offered_amount (None | str):
        offered_rate (None | str):
        offer_expires_on (datetime.date | None):
        apr (None | str):
        kfs_hash (str):
        loan (int | None):
        created_at (datetime.datetime):
    """

    id: int
    borrower: int
    product: str
    amount: str
    tenure: int
    purpose: str
    monthly_income: str
    existing_emis: str
    status: ApplicationStatusEnum
    score: int | None
    grade: str
    reasons: list[Reason]
    hard_stops: list[str]
    hard_stop_override: None | Override
    submitted_at: datetime.datetime | None
    created_by: int
    recommended_by: int | None
    decided_by: int | None
    decided_at: datetime.datetime | None
    decision_reason: str
    offered_amount: None | str
    offered_rate: None | str
    offer_expires_on: datetime.date | None
    apr: None | str
    kfs_hash: str
    loan: int | None
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.override import Override  # noqa: PLC0415

        id = self.id

        borrower = self.borrower

        product = self.product

        amount = self.amount

        tenure = self.tenure

        purpose = self.purpose

        monthly_income = self.monthly_income

        existing_emis = self.existing_emis

        status: str = self.status

        score: int | None
        score = self.score

        grade = self.grade

        reasons = []
        for reasons_item_data in self.reasons:
            reasons_item = reasons_item_data.to_dict()
            reasons.append(reasons_item)

        hard_stops = self.hard_stops

        hard_stop_override: dict[str, Any] | None
        if isinstance(self.hard_stop_override, Override):
            hard_stop_override = self.hard_stop_override.to_dict()
        else:
            hard_stop_override = self.hard_stop_override

        submitted_at: None | str
        if isinstance(self.submitted_at, datetime.datetime):
            submitted_at = self.submitted_at.isoformat()
        else:
            submitted_at = self.submitted_at

        created_by = self.created_by

        recommended_by: int | None
        recommended_by = self.recommended_by

        decided_by: int | None
        decided_by = self.decided_by

        decided_at: None | str
        if isinstance(self.decided_at, datetime.datetime):
            decided_at = self.decided_at.isoformat()
        else:
            decided_at = self.decided_at

        decision_reason = self.decision_reason

        offered_amount: None | str
        offered_amount = self.offered_amount

        offered_rate: None | str
        offered_rate = self.offered_rate

        offer_expires_on: None | str
        if isinstance(self.offer_expires_on, datetime.date):
            offer_expires_on = self.offer_expires_on.isoformat()
        else:
            offer_expires_on = self.offer_expires_on

        apr: None | str
        apr = self.apr

        kfs_hash = self.kfs_hash

        loan: int | None
        loan = self.loan

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "borrower": borrower,
                "product": product,
                "amount": amount,
                "tenure": tenure,
                "purpose": purpose,
                "monthly_income": monthly_income,
                "existing_emis": existing_emis,
                "status": status,
                "score": score,
                "grade": grade,
                "reasons": reasons,
                "hard_stops": hard_stops,
                "hard_stop_override": hard_stop_override,
                "submitted_at": submitted_at,
                "created_by": created_by,
                "recommended_by": recommended_by,
                "decided_by": decided_by,
                "decided_at": decided_at,
                "decision_reason": decision_reason,
                "offered_amount": offered_amount,
                "offered_rate": offered_rate,
                "offer_expires_on": offer_expires_on,
                "apr": apr,
                "kfs_hash": kfs_hash,
                "loan": loan,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.override import Override  # noqa: PLC0415
        from ..models.reason import Reason  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        borrower = d.pop("borrower")

        product = d.pop("product")

        amount = d.pop("amount")

        tenure = d.pop("tenure")

        purpose = d.pop("purpose")

        monthly_income = d.pop("monthly_income")

        existing_emis = d.pop("existing_emis")

        status = check_application_status_enum(d.pop("status"))

        def _parse_score(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        score = _parse_score(d.pop("score"))

        grade = d.pop("grade")

        reasons = []
        _reasons = d.pop("reasons")
        for reasons_item_data in _reasons:
            reasons_item = Reason.from_dict(reasons_item_data)

            reasons.append(reasons_item)

        hard_stops = cast(list[str], d.pop("hard_stops"))

        def _parse_hard_stop_override(data: object) -> None | Override:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                hard_stop_override_type_1 = Override.from_dict(data)

                return hard_stop_override_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Override, data)

        hard_stop_override = _parse_hard_stop_override(d.pop("hard_stop_override"))

        def _parse_submitted_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                submitted_at_type_0 = datetime.datetime.fromisoformat(data)

                return submitted_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        submitted_at = _parse_submitted_at(d.pop("submitted_at"))

        created_by = d.pop("created_by")

        def _parse_recommended_by(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        recommended_by = _parse_recommended_by(d.pop("recommended_by"))

        def _parse_decided_by(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        decided_by = _parse_decided_by(d.pop("decided_by"))

        def _parse_decided_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                decided_at_type_0 = datetime.datetime.fromisoformat(data)

                return decided_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        decided_at = _parse_decided_at(d.pop("decided_at"))

        decision_reason = d.pop("decision_reason")

        def _parse_offered_amount(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        offered_amount = _parse_offered_amount(d.pop("offered_amount"))

        def _parse_offered_rate(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        offered_rate = _parse_offered_rate(d.pop("offered_rate"))

        def _parse_offer_expires_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                offer_expires_on_type_0 = datetime.date.fromisoformat(data)

                return offer_expires_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        offer_expires_on = _parse_offer_expires_on(d.pop("offer_expires_on"))

        def _parse_apr(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        apr = _parse_apr(d.pop("apr"))

        kfs_hash = d.pop("kfs_hash")

        def _parse_loan(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        loan = _parse_loan(d.pop("loan"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        application = cls(
            id=id,
            borrower=borrower,
            product=product,
            amount=amount,
            tenure=tenure,
            purpose=purpose,
            monthly_income=monthly_income,
            existing_emis=existing_emis,
            status=status,
            score=score,
            grade=grade,
            reasons=reasons,
            hard_stops=hard_stops,
            hard_stop_override=hard_stop_override,
            submitted_at=submitted_at,
            created_by=created_by,
            recommended_by=recommended_by,
            decided_by=decided_by,
            decided_at=decided_at,
            decision_reason=decision_reason,
            offered_amount=offered_amount,
            offered_rate=offered_rate,
            offer_expires_on=offer_expires_on,
            apr=apr,
            kfs_hash=kfs_hash,
            loan=loan,
            created_at=created_at,
        )

        application.additional_properties = d
        return application

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
