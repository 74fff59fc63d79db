"""The borrower's referral page in a real browser at phone width (390 px): the code and
the share link fit the screen, the list shows first names and statuses, nothing is
blocked by the CSP; the share link opens the sign-up form with the code filled in.
Screenshots go to test-artifacts/."""

import pytest

from accounts.tests.factories import PASSWORD
from lendingsite import refcode
from referrals.tests.factories import programme, referred_loan, referred_pair

pytest_plugins = ["portal.tests.browser_support"]  # browser, site, tab
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_referral_page_on_a_phone(tab):
    programme()
    referral = referred_pair(user__full_name="Lakshmi Narayanan")
    referred_loan(referral)
    referred_pair(referrer=referral.referrer, user__full_name="Farhan Qureshi")
    t = tab(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    page = t.page
    t.login(referral.referrer.email, PASSWORD)

    t.go("/referrals/")
    code = refcode.display(referral.referrer.referral_code.code)
    page.wait_for_selector(f"text={code}")
    link = page.input_value("#share-link")
    assert link.endswith(f"/accounts/register/?ref={code}")
    items = page.locator(".referral-list li")
    assert items.count() == 2
    text = page.locator(".referral-list").inner_text()
    assert "Lakshmi" in text and "Farhan" in text
    assert "Narayanan" not in text and "Qureshi" not in text
    assert "Loan taken: reward pending" in text and "Signed up" in text
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    t.shot("referrals-phone")
    assert t.csp_violations() == []

    visitor = tab(viewport=PHONE, is_mobile=True, has_touch=True)
    visitor.page.goto(link.replace("http://localhost:8000", visitor.base))
    assert visitor.page.input_value("#id_referral_code") == code
    visitor.shot("referrals-signup-phone")
