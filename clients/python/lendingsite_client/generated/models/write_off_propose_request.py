from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.write_off_kind_enum import WriteOffKindEnum, check_write_off_kind_enum
from ..types import UNSET, Unset

T = TypeVar("T", bound="WriteOffProposeRequest")


@_attrs_define
class WriteOffProposeRequest:
    """
    Attributes:
        reason (str):
        kind (WriteOffKindEnum | Unset): * `technical` - Technical (claim kept and pursued)
            * `full` - Full (claim given up) Default: 'technical'.
    """

    reason: str
    kind: WriteOffKindEnum | Unset = "technical"
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        reason = self.reason

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "reason": reason,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        reason = d.pop("reason")

        _kind = d.pop("kind", UNSET)
        kind: WriteOffKindEnum | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = check_write_off_kind_enum(_kind)

        write_off_propose_request = cls(
            reason=reason,
            kind=kind,
        )

        write_off_propose_request.additional_properties = d
        return write_off_propose_request

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
