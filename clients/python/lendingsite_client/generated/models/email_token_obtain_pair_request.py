from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="EmailTokenObtainPairRequest")


@_attrs_define
class EmailTokenObtainPairRequest:
    """simplejwt's pair serializer (authenticate(request=...) so django-axes counts each
    failure), plus Django's user_logged_in signal, which simplejwt does not send: that is
    what writes the auth.login audit event and resets axes' failure count. Staff (and
    borrowers who opted in) also send `otp` (accounts.twofactor.drf).

        Attributes:
            email (str):
            password (str):
            otp (str | Unset):
    """

    email: str
    password: str
    otp: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        email = self.email

        password = self.password

        otp = self.otp

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "email": email,
                "password": password,
            }
        )
        if otp is not UNSET:
            field_dict["otp"] = otp

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        email = d.pop("email")

        password = d.pop("password")

        otp = d.pop("otp", UNSET)

        email_token_obtain_pair_request = cls(
            email=email,
            password=password,
            otp=otp,
        )

        email_token_obtain_pair_request.additional_properties = d
        return email_token_obtain_pair_request

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
