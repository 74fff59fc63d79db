"""The `inr`, `inr_plain` and `rate` template filters: Indian digit grouping (lakh, crore)."""

from decimal import Decimal

import pytest
from django.template import Context, Template

from lendingsite.money import format_inr
from lendingsite.templatetags.money import inr, inr_plain, rate


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("0"), "₹0.00"),
        (0, "₹0.00"),
        (Decimal("999"), "₹999.00"),
        (Decimal("1000"), "₹1,000.00"),
        (Decimal("99999.99"), "₹99,999.99"),
        (Decimal("100000"), "₹1,00,000.00"),
        (Decimal("1234567.89"), "₹12,34,567.89"),
        (Decimal("10000000"), "₹1,00,00,000.00"),
        (Decimal("123456789012.34"), "₹1,23,45,67,89,012.34"),
        (Decimal("-1234.5"), "\u2212₹1,234.50"),
        (Decimal("-100000.00"), "\u2212₹1,00,000.00"),
        (Decimal("-0.00"), "₹0.00"),
        (Decimal("0.005"), "₹0.00"),  # half-even: a half paisa rounds to the even paisa
        (Decimal("0.015"), "₹0.02"),
        ("8884.88", "₹8,884.88"),
        (12, "₹12.00"),
        (None, "—"),
        ("", "—"),
    ],
)
def test_inr(value, shown):
    assert inr(value) == shown


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("0"), "0.00"),
        (Decimal("1234567.89"), "12,34,567.89"),
        (Decimal("10000000"), "1,00,00,000.00"),
        (Decimal("-999.1"), "\u2212999.10"),
        (None, "—"),
    ],
)
def test_inr_plain(value, shown):
    assert inr_plain(value) == shown


def test_not_a_number_is_shown_as_given():
    assert inr("n/a") == "n/a"
    assert format_inr(Decimal("Infinity")) == "Infinity"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (Decimal("12.0000"), "12"),
        (Decimal("10.5000"), "10.5"),
        (Decimal("0.0000"), "0"),
        (Decimal("100"), "100"),
        (Decimal("1.2E+1"), "12"),
        (None, "—"),
    ],
)
def test_rate(value, shown):
    assert rate(value) == shown


def test_filters_in_a_template():
    html = Template("{% load money %}{{ a|inr }} / {{ a|inr_plain }} / {{ b|inr }}").render(
        Context({"a": Decimal("1234567.89"), "b": None})
    )
    assert html == "₹12,34,567.89 / 12,34,567.89 / —"
