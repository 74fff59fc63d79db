"""The books' reports in a real browser (Playwright, Debian's chromium): finance and an
auditor open each from the Books page's links at 1280 and 390 pixels
(test-artifacts/books-*.png), the page does not overflow sideways (the table scrolls in its
own box), the CSV and XLSX download, and the CSP blocks nothing."""

from datetime import date

import pytest

from accounting.close.job import month_end_run
from accounts.roles import AUDITOR, FINANCE
from accounts.tests.factories import staff
from accounts.twofactor.testing import enrolled_device
from collection.tests.dayend_helpers import loan_due
from console.tests.test_browser_console import overflows, sign_in

pytest_plugins = ["portal.tests.browser_support"]
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REPORTS = ("trial-balance", "income-recognition", "asset-classification")


@pytest.mark.parametrize("role", [FINANCE, AUDITOR])
def test_the_books_reports_open_and_download(tab, role):
    loan_due(date(2026, 1, 15))
    month_end_run(business_date=date(2026, 1, 31))
    user = staff(role)
    enrolled_device(user)
    t = tab(viewport={"width": 1280, "height": 900})
    sign_in(t, user)
    for width in (1280, 390):
        t.page.set_viewport_size({"width": width, "height": 900})
        for name in REPORTS:
            assert t.go("/admin/books/").status == 200
            t.page.click(f".book-reports a[href*='/reports/{name}/']")
            t.page.wait_for_load_state()
            assert f"/admin/reports/{name}/?date_from=2026-01-01" in t.page.url
            assert t.page.locator("#report-table tbody tr").count() >= 1
            assert "No rows" not in t.page.inner_text("#report-table")
            assert not overflows(t.page), f"{name} overflows at {width} px"
            t.shot(f"books-{role}-{name}-{width}")
            for fmt in ("CSV", "XLSX"):
                with t.page.expect_download() as download:
                    t.page.click(f".downloads a:has-text('{fmt}')")
                assert download.value.suggested_filename == (
                    f"{name}-2026-01-01-2026-01-31.{fmt.lower()}"
                )
    assert t.csp_violations() == []
