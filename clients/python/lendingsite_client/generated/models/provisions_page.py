from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.class_summary import ClassSummary
    from ..models.provision_detail import ProvisionDetail


T = TypeVar("T", bound="ProvisionsPage")


@_attrs_define
class ProvisionsPage:
    """
    Attributes:
        as_of (datetime.date):
        close_date (datetime.date):
        run (int):
        summary (list[ClassSummary]):
        count (int):
        next_ (None | str):
        previous (None | str):
        results (list[ProvisionDetail]):
    """

    as_of: datetime.date
    close_date: datetime.date
    run: int
    summary: list[ClassSummary]
    count: int
    next_: None | str
    previous: None | str
    results: list[ProvisionDetail]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        as_of = self.as_of.isoformat()

        close_date = self.close_date.isoformat()

        run = self.run

        summary = []
        for summary_item_data in self.summary:
            summary_item = summary_item_data.to_dict()
            summary.append(summary_item)

        count = self.count

        next_: None | str
        next_ = self.next_

        previous: None | str
        previous = self.previous

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "as_of": as_of,
                "close_date": close_date,
                "run": run,
                "summary": summary,
                "count": count,
                "next": next_,
                "previous": previous,
                "results": results,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.class_summary import ClassSummary  # noqa: PLC0415
        from ..models.provision_detail import ProvisionDetail  # noqa: PLC0415

        d = dict(src_dict)
        as_of = datetime.date.fromisoformat(d.pop("as_of"))

        close_date = datetime.date.fromisoformat(d.pop("close_date"))

        run = d.pop("run")

        summary = []
        _summary = d.pop("summary")
        for summary_item_data in _summary:
            summary_item = ClassSummary.from_dict(summary_item_data)

            summary.append(summary_item)

        count = d.pop("count")

        def _parse_next_(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        next_ = _parse_next_(d.pop("next"))

        def _parse_previous(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        previous = _parse_previous(d.pop("previous"))

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = ProvisionDetail.from_dict(results_item_data)

            results.append(results_item)

        provisions_page = cls(
            as_of=as_of,
            close_date=close_date,
            run=run,
            summary=summary,
            count=count,
            next_=next_,
            previous=previous,
            results=results,
        )

        provisions_page.additional_properties = d
        return provisions_page

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
