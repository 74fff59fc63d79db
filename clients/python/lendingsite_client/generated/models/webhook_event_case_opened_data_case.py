from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="WebhookEventCaseOpenedDataCase")


@_attrs_define
class WebhookEventCaseOpenedDataCase:
    """
    Attributes:
        id (int):
        loan (int):
        status (str):
        opened_on (datetime.date):
        closed_on (datetime.date | None):
        overdue_amount (str):  Example: 1000.00.
    """

    id: int
    loan: int
    status: str
    opened_on: datetime.date
    closed_on: datetime.date | None
    overdue_amount: str
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        loan = self.loan

        status = self.status

        opened_on = self.opened_on.isoformat()

        closed_on: None | str
        if isinstance(self.closed_on, datetime.date):
            closed_on = self.closed_on.isoformat()
        else:
            closed_on = self.closed_on

        overdue_amount = self.overdue_amount

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "loan": loan,
                "status": status,
                "opened_on": opened_on,
                "closed_on": closed_on,
                "overdue_amount": overdue_amount,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        loan = d.pop("loan")

        status = d.pop("status")

        opened_on = datetime.date.fromisoformat(d.pop("opened_on"))

        def _parse_closed_on(data: object) -> datetime.date | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                closed_on_type_0 = datetime.date.fromisoformat(data)

                return closed_on_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.date | None, data)

        closed_on = _parse_closed_on(d.pop("closed_on"))

        overdue_amount = d.pop("overdue_amount")

        webhook_event_case_opened_data_case = cls(
            id=id,
            loan=loan,
            status=status,
            opened_on=opened_on,
            closed_on=closed_on,
            overdue_amount=overdue_amount,
        )

        webhook_event_case_opened_data_case.additional_properties = d
        return webhook_event_case_opened_data_case

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
