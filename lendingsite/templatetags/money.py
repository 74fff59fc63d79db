"""{% load money %}: {{ amount|inr }} → ₹12,34,567.89, {{ amount|inr_plain }} → 12,34,567.89,
{{ rate|rate }} → 10.5 (lendingsite.money does the formatting)."""

from django import template

from lendingsite.money import format_inr, format_rate

register = template.Library()


@register.filter(is_safe=True)
def inr(value) -> str:
    return format_inr(value)


@register.filter(is_safe=True)
def inr_plain(value) -> str:
    return format_inr(value, symbol=False)


@register.filter(is_safe=True)
def rate(value) -> str:
    return format_rate(value)
