"""{% load console %}: {{ value|cell }} shows one table cell of a console page — money in
Indian notation (lendingsite.money), dates `03 Dec 2026`, datetimes in IST, and
(text, url) pairs as links. Selectors hand rows of plain values or such tagged pairs."""

from datetime import date, datetime

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils import timezone
from django.utils.html import format_html

from console.reports import REPORTS
from lendingsite.money import NOTHING, format_inr

register = template.Library()


@register.filter
def cell(value):
    if isinstance(value, tuple) and len(value) == 2:
        kind, inner = value
        if kind == "money":
            return format_inr(inner)
        if kind in ("date", "datetime"):
            return cell(inner)
        return format_html('<a href="{}">{}</a>', inner, kind)
    if value is None or value == "":
        return NOTHING
    if isinstance(value, datetime):
        return date_filter(timezone.localtime(value), "d M Y, H:i")
    if isinstance(value, date):
        return date_filter(value, "d M Y")
    return value


@register.filter
def reports_open(user) -> bool:
    """Whether `user` may read at least one report (the header hides the Reports link
    from a role with none, the collector's)."""
    return any(r.allowed(user) for r in REPORTS.values())
