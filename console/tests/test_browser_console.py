"""The console in a real browser (Playwright, Debian's chromium): each role signs in with
its password and authenticator code, and its home, the dashboard and a report are
screenshotted at 1280 and 390 pixels (test-artifacts/console-*.png); the collector's case
page has no horizontal overflow at either width, and the CSP blocks nothing."""

from datetime import timedelta

import pytest

from accounts.roles import (
    AUDITOR,
    COLLECTIONS_MANAGER,
    COLLECTOR,
    CREDIT_MANAGER,
    FINANCE,
    LOAN_OFFICER,
)
from accounts.tests.factories import PASSWORD, staff
from accounts.twofactor.management.commands.totp_code import current_code
from accounts.twofactor.testing import enrolled_device
from collection.dayend import day_end_run
from collection.tests.factories_desk import CaseFactory
from lendingsite.dates import today_ist

pytest_plugins = ["portal.tests.browser_support"]
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 390)
ROLES = [LOAN_OFFICER, CREDIT_MANAGER, FINANCE, COLLECTOR, COLLECTIONS_MANAGER, AUDITOR]


def sign_in(tab, user) -> None:
    tab.login(user.email, PASSWORD)
    page = tab.page
    if "/2fa/verify" in page.url:
        page.fill("#id_code", current_code(enrolled_device(user)))
        page.click("button:has-text('Continue')")
        page.wait_for_load_state()


def overflows(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth > document.documentElement.clientWidth + 1"
    )


@pytest.fixture
def book():
    collector = staff(COLLECTOR)
    case = CaseFactory(assigned_to=collector)
    CaseFactory(assigned_to=None)
    day_end_run(business_date=today_ist() - timedelta(days=1))
    return collector, case


@pytest.mark.parametrize("role", ROLES)
def test_each_role_signs_in_and_sees_its_work(tab, book, role):
    collector, case = book
    user = collector if role == COLLECTOR else staff(role)
    enrolled_device(user)
    t = tab(viewport={"width": 1280, "height": 900})
    sign_in(t, user)
    pages = {"home": "/admin/", "report": "/admin/reports/"}
    if user.has_perm("loans.view_loan"):
        pages["dashboard"] = "/admin/dashboard/"
    if user.has_perm("repayments.view_payment"):
        pages["report"] = "/admin/reports/payment-register/"
    if role == COLLECTOR:
        pages["case"] = f"/admin/collection/collectioncase/{case.pk}/change/"
    for width in WIDTHS:
        t.page.set_viewport_size({"width": width, "height": 900})
        for name, path in pages.items():
            response = t.go(path)
            assert response.status == 200, (role, path)
            assert t.page.url.endswith(path), (role, path, t.page.url)
            t.shot(f"console-{role}-{name}-{width}")
            if name == "case":
                assert not overflows(t.page), f"the case page overflows at {width} px"
                assert t.page.is_visible("text=Record a contact")
        home = t.go("/admin/")
        assert home.status == 200
        assert t.page.is_visible(f"#home-{role}")
    assert t.csp_violations() == []
