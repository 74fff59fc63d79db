"""A conversation without JavaScript in a real browser (Playwright + Debian's chromium):
the borrower opens the loan's thread from the loan page, writes, the form posts and the
page reloads with the message; the officer answers the same way and the borrower sees the
reply and the unread count. Phone (390 px) and desktop (1280 px); screenshots in
test-artifacts/."""

import pytest

from accounts.tests.factories import PASSWORD
from loans.tests.factories import active_loan, kyc_verified_borrower
from messaging.models import Message, Thread
from messaging.services.messages import message_post
from messaging.tests.factories import officer

pytest_plugins = ["portal.tests.browser_support"]  # browser, site, tab
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.mark.parametrize(("size", "name"), [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_conversation_without_javascript(tab, size, name):
    person = kyc_verified_borrower(user__email="asha@example.in", user__full_name="Asha Rao")
    loan = active_loan(borrower=person)
    phone = size is PHONE
    t = tab(
        viewport=size,
        is_mobile=phone,
        has_touch=phone,
        device_scale_factor=2 if phone else 1,
        java_script_enabled=False,
    )
    page = t.page
    t.login("asha@example.in", PASSWORD)

    t.go(f"/loans/{loan.pk}/")
    page.click("button:has-text('Message us about this loan')")
    page.wait_for_selector("h1:has-text('Conversation about loan')")
    page.fill("#id_body", "Can I move my EMI date to the 10th?")
    page.click("button:has-text('Send')")
    page.wait_for_selector(".thread-message.mine:has-text('Can I move my EMI date')")
    assert page.locator(".thread-message.mine .thread-receipt").inner_text() == "Delivered"
    thread = Thread.objects.get(loan=loan)

    # The officer answers (their console's page is the same form); the borrower reloads.
    staff_member = officer()
    message_post(acting_user=staff_member, thread=thread, body="Yes, from next month.")
    t.go("/messages/")
    assert page.locator(".site-header .badge").inner_text() == "1"
    t.shot(f"messages-{name}-list")
    t.go(f"/messages/{thread.pk}/")
    page.wait_for_selector(".thread-message.from-staff:has-text('Yes, from next month.')")
    assert page.locator(".site-header .badge").count() == 0  # read by looking
    assert page.locator("#thread-live").is_hidden()  # no script, no live note
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    t.shot(f"messages-{name}-thread")

    # An empty message is a form error in plain words, not a crash.
    page.click("button:has-text('Send')")
    page.wait_for_selector("text=Write a message or attach a file.")
    assert Message.objects.filter(thread=thread).count() == 2
    assert t.csp_violations() == []
