"""The kill-switch pages in a real browser (Playwright, Debian's chromium), at 1280 and 390
pixels (test-artifacts/console-switches-*.png): a superuser signs in with password and
code, turns the reminders off with a reason after confirming it is them, and the page then
shows it off with the reason in its history; nothing overflows, the CSP blocks nothing."""

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.tests.factories import PASSWORD, UserFactory
from accounts.twofactor.management.commands.totp_code import current_code
from accounts.twofactor.testing import enrolled_device
from console.tests.test_browser_console import overflows, sign_in
from lendingsite.switches import switch_is_on

pytest_plugins = ["portal.tests.browser_support"]
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_superuser_turns_a_switch_off_at_both_widths(tab):
    boss = UserFactory(is_staff=True, is_superuser=True)
    device = enrolled_device(boss)
    t = tab(viewport={"width": 1280, "height": 900})
    sign_in(t, boss)

    for width in (1280, 390):
        t.page.set_viewport_size({"width": width, "height": 900})
        assert t.go("/admin/switches/").status == 200
        assert t.page.is_visible("#switch-REMINDERS_ENABLED")
        assert not overflows(t.page), f"the switches page overflows at {width} px"
        t.shot(f"console-switches-{width}")

    t.page.click("#switch-REMINDERS_ENABLED a:has-text('Turn off')")
    t.page.fill("#id_reason", "SMS vendor sends twice")
    t.shot("console-switches-confirm-390")
    t.page.click("input[type=submit]")
    t.page.wait_for_load_state()

    # A flip needs a fresh confirmation; the code of the sign-in's window was used
    # already, so the device is told it has not seen one (the next window's code).
    assert "reauth" in t.page.url
    assert switch_is_on("REMINDERS_ENABLED")
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    t.page.fill("#id_password", PASSWORD)
    t.page.fill("#id_code", current_code(enrolled_device(boss)))
    t.page.click("button:has-text('Confirm')")
    t.page.wait_for_load_state()

    assert "/admin/switches/REMINDERS_ENABLED/" in t.page.url
    t.page.fill("#id_reason", "SMS vendor sends twice")
    t.page.click("input[type=submit]")
    t.page.wait_for_load_state()

    assert t.page.url.endswith("/admin/switches/")
    assert not switch_is_on("REMINDERS_ENABLED")
    row = t.page.inner_text("#switch-REMINDERS_ENABLED")
    assert "OFF" in row and "SMS vendor sends twice" in row
    assert not overflows(t.page)
    t.shot("console-switches-after-390")
    t.page.set_viewport_size({"width": 1280, "height": 900})
    t.shot("console-switches-after-1280")
    assert t.csp_violations() == []
