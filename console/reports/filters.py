"""The date-range and product filters every report applies the same way."""

from __future__ import annotations

from console.reports.base import Filters


def in_range(qs, field: str, f: Filters):
    if f.date_from:
        qs = qs.filter(**{f"{field}__gte": f.date_from})
    if f.date_to:
        qs = qs.filter(**{f"{field}__lte": f.date_to})
    return qs


def for_product(qs, path: str, f: Filters):
    return qs.filter(**{path: f.product_id}) if f.product_id else qs
