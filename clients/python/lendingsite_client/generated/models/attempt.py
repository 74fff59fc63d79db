from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Attempt")


@_attrs_define
class Attempt:
    """
    Attributes:
        number (int):
        requested_at (datetime.datetime):
        url (str):
        request_headers (Any):
        request_body (str):
        response_status (int | None):
        response_body (str):
        latency_ms (int | None):
        error (str):
    """

    number: int
    requested_at: datetime.datetime
    url: str
    request_headers: Any
    request_body: str
    response_status: int | None
    response_body: str
    latency_ms: int | None
    error: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        number = self.number

        requested_at = self.requested_at.isoformat()

        url = self.url

        request_headers = self.request_headers

        request_body = self.request_body

        response_status: int | None
        response_status = self.response_status

        response_body = self.response_body

        latency_ms: int | None
        latency_ms = self.latency_ms

        error = self.error

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "number": number,
                "requested_at": requested_at,
                "url": url,
                "request_headers": request_headers,
                "request_body": request_body,
                "response_status": response_status,
                "response_body": response_body,
                "latency_ms": latency_ms,
                "error": error,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        number = d.pop("number")

        requested_at = datetime.datetime.fromisoformat(d.pop("requested_at"))

        url = d.pop("url")

        request_headers = d.pop("request_headers")

        request_body = d.pop("request_body")

        def _parse_response_status(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        response_status = _parse_response_status(d.pop("response_status"))

        response_body = d.pop("response_body")

        def _parse_latency_ms(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        latency_ms = _parse_latency_ms(d.pop("latency_ms"))

        error = d.pop("error")

        attempt = cls(
            number=number,
            requested_at=requested_at,
            url=url,
            request_headers=request_headers,
            request_body=request_body,
            response_status=response_status,
            response_body=response_body,
            latency_ms=latency_ms,
            error=error,
        )

        attempt.additional_properties = d
        return attempt

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
