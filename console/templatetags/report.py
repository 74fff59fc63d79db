"""{% load report %}: a report row's cells shown by their column's kind (money in Indian
notation, dates `03 Dec 2026`, times in IST)."""

from datetime import date, datetime

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils import timezone

from lendingsite.money import NOTHING, format_inr

register = template.Library()


@register.filter
def with_columns(row, columns):
    return [(value, column.kind) for value, column in zip(row, columns, strict=True)]


@register.filter
def report_cell(pair):
    value, kind = pair
    if value is None or value == "":
        return NOTHING
    if kind == "money":
        return format_inr(value)
    if isinstance(value, datetime):
        return date_filter(timezone.localtime(value), "d M Y, H:i")
    if isinstance(value, date):
        return date_filter(value, "d M Y")
    return value
