from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BankAccountVerifyRequest")


@_attrs_define
class BankAccountVerifyRequest:
    """
    Attributes:
        name_seen (str | Unset): The holder's name as a document shows it; empty: run the account verifier. Default: ''.
        evidence (str | Unset): With name_seen, the document it was read from: cancelled_cheque, bank_statement,
            passbook. Default: ''.
    """

    name_seen: str | Unset = ""
    evidence: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name_seen = self.name_seen

        evidence = self.evidence

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if name_seen is not UNSET:
            field_dict["name_seen"] = name_seen
        if evidence is not UNSET:
            field_dict["evidence"] = evidence

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name_seen = d.pop("name_seen", UNSET)

        evidence = d.pop("evidence", UNSET)

        bank_account_verify_request = cls(
            name_seen=name_seen,
            evidence=evidence,
        )

        bank_account_verify_request.additional_properties = d
        return bank_account_verify_request

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
