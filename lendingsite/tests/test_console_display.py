"""The console's money and date display (lendingsite.admin.install_money_display,
display_value, the format modules): one helper for every list, detail and summary."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.contrib.admin import helpers, utils
from django.contrib.admin.templatetags import admin_list
from django.db import models
from django.utils import formats

from lendingsite.admin import display_value, is_money_field


def test_every_admin_module_formats_money_through_format_inr():
    field = models.DecimalField(max_digits=14, decimal_places=2)
    for module in (utils, helpers, admin_list):
        assert module.display_for_field(Decimal("232029.18"), field, "-") == "₹2,32,029.18"
    rate = models.DecimalField(max_digits=7, decimal_places=4)
    assert is_money_field(field) and not is_money_field(rate)
    assert utils.display_for_field(Decimal("12.5000"), rate, "-") != "₹12.50"
    assert utils.display_for_field(None, field, "-") == "-"


def test_dates_read_03_dec_2026_and_times_are_ist(settings):
    assert formats.date_format(date(2026, 12, 3)) == "03 Dec 2026"
    utc = datetime(2026, 12, 3, 0, 30, tzinfo=ZoneInfo("UTC"))
    shown = utils.display_for_field(utc, models.DateTimeField(), "-")
    assert shown == "03 Dec 2026, 06:00"


@pytest.mark.parametrize(
    ("key", "value", "shown"),
    [
        ("total_outstanding", "291286.400000000", "₹2,91,286.40"),
        ("principal", Decimal("250000.00"), "₹2,50,000.00"),
        ("amount_paid", "10.5", "₹10.50"),
        ("annual_rate", "14.0000", "14"),
        ("next_due_date", "2026-12-03", "03 Dec 2026"),
        ("disbursed_on", date(2026, 6, 26), "26 Jun 2026"),
        ("dpd", 130, 130),
        ("loan_id", 9, 9),
        ("status", "active", "active"),
        ("overdue_amount", None, "—"),
    ],
)
def test_display_value(key, value, shown):
    assert display_value(key, value) == shown
