from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.bureau_issue_kind_enum import BureauIssueKindEnum, check_bureau_issue_kind_enum

T = TypeVar("T", bound="BureauIssue")


@_attrs_define
class BureauIssue:
    """
    Attributes:
        id (int):
        loan (int | None):
        account_number (str):
        kind (BureauIssueKindEnum): * `validation` - Failed our validation (not in the file)
            * `rejection` - Rejected by the bureau
        field (str):
        code (str):
        message (str):
    """

    id: int
    loan: int | None
    account_number: str
    kind: BureauIssueKindEnum
    field: str
    code: str
    message: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        loan: int | None
        loan = self.loan

        account_number = self.account_number

        kind: str = self.kind

        field = self.field

        code = self.code

        message = self.message

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "loan": loan,
                "account_number": account_number,
                "kind": kind,
                "field": field,
                "code": code,
                "message": message,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        def _parse_loan(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        loan = _parse_loan(d.pop("loan"))

        account_number = d.pop("account_number")

        kind = check_bureau_issue_kind_enum(d.pop("kind"))

        field = d.pop("field")

        code = d.pop("code")

        message = d.pop("message")

        bureau_issue = cls(
            id=id,
            loan=loan,
            account_number=account_number,
            kind=kind,
            field=field,
            code=code,
            message=message,
        )

        bureau_issue.additional_properties = d
        return bureau_issue

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
