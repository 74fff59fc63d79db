"""The portfolio dashboard's figures equal an independent computation on a seeded book
(console/tests/book.py); the page reads only the snapshot (query count flat); filters."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import FINANCE, LOAN_OFFICER
from accounts.tests.factories import staff
from collection.models import PortfolioSnapshot
from console.charts import percent
from console.selectors.portfolio import portfolio
from console.tests import book as seeded
from console.tests.book import LAST, MAR31

pytestmark = pytest.mark.django_db


@pytest.fixture
def book(django_db_blocker):
    return seeded.seed_book()


def test_par_buckets_npa_and_totals_equal_the_book(book):
    got = portfolio(as_of=LAST)
    assert got.as_of == LAST
    for n, row in zip((0, 30, 60, 90), got.par, strict=True):
        at_risk, total = seeded.par(LAST, n)
        assert row["amount"] == at_risk, row["name"]
        assert row["ratio"] == percent(at_risk, total)
    assert got.totals["principal_outstanding"] == seeded.par(LAST, 0)[1]
    assert got.totals["loans"] == 5
    buckets = {b["bucket"]: b["loans"] for b in got.buckets}
    assert buckets == {"current": 1, "SMA-0": 2, "SMA-1": 1, "SMA-2": 1, "NPA": 0}
    assert got.npa_ratio == Decimal("0.00")


def test_par_by_product(book):
    a = book.products[0]
    got = portfolio(as_of=LAST, product_id=a.pk)
    at_risk, total = seeded.par(LAST, 30, product=a)
    assert got.par[1]["amount"] == at_risk
    assert got.totals["principal_outstanding"] == total


def test_demand_and_collection_by_month_equal_installments_and_payments(book):
    got = {m["month"]: m for m in portfolio(as_of=LAST).months}
    for first, last in ((date(2025, 3, 1), MAR31), (date(2025, 4, 1), LAST)):
        month = got[first]
        assert month["demand"] == seeded.demand(first, last)
        assert month["collected"] == seeded.collected(first, last)
        assert month["efficiency"] == percent(month["collected"], month["demand"])
    assert got[date(2025, 3, 1)]["disbursed_loans"] == 1  # the 15 March loan
    assert got[date(2025, 3, 1)]["disbursed_amount"] == Decimal("80000.00")


def test_roll_rates_equal_the_buckets_seen_after_the_month_end_runs(book):
    got = portfolio(as_of=LAST)
    assert got.roll_month == date(2025, 4, 1)
    cells = {
        (row["from"], cell["to"]): cell["loans"]
        for row in got.rolls
        for cell in row["cells"]
        if cell["loans"]
    }
    assert cells == seeded.rolls(book, MAR31, LAST)


def test_a_rerun_of_the_snapshot_changes_nothing(book):
    from collection.dayend.snapshot import portfolio_snapshot_write

    before = sorted(PortfolioSnapshot.objects.filter(business_date=LAST).values_list())
    portfolio_snapshot_write(business_date=LAST)
    after = sorted(PortfolioSnapshot.objects.filter(business_date=LAST).values_list())
    strip = [r[1:] for r in before], [r[1:] for r in after]
    assert strip[0] == strip[1]


def _dashboard_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        page = client.get("/admin/dashboard/")
    assert page.status_code == 200
    return len(ctx)


def test_dashboard_page_shows_the_figures_and_reads_a_flat_number_of_queries(client, book):
    client.force_login(staff(FINANCE))
    page = client.get("/admin/dashboard/", {"as_of": "2025-04-30"})
    html = page.content.decode()
    assert 'id="table-par"' in html and 'role="img"' in html
    assert not re.search(r"<script(?![^>]*\bsrc=)", html)  # CSP: no inline script
    assert 'style="' not in html
    assert "30 Apr 2025" in html
    first = _dashboard_queries(client)
    # More loans on the book and more snapshot days: the page costs the same.
    seeded.loan_due(date(2025, 4, 1))
    from collection.dayend import day_end_run

    day_end_run(business_date=date(2025, 5, 1))
    assert _dashboard_queries(client) == first


def test_bad_filters_are_a_form_error_not_a_500(client):
    client.force_login(staff(LOAN_OFFICER))
    page = client.get("/admin/dashboard/", {"as_of": "not-a-date", "product": "999999"})
    assert page.status_code == 200
    assert "No portfolio snapshot yet" in page.content.decode()


def test_the_dashboard_needs_the_loan_view_permission(client, django_user_model):
    user = django_user_model.objects.create_user(email="x@example.in", password="x")
    user.is_staff = True
    user.save()
    client.force_login(user)
    assert client.get("/admin/dashboard/").status_code == 403
