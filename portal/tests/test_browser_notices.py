"""The borrower's messages and a closed loan's No Dues Certificate in a real browser
(Playwright + Debian's chromium), phone-sized (390 px) and desktop; screenshots go to
test-artifacts/."""

from datetime import date

import pytest

from accounts.tests.factories import PASSWORD
from collection.models import Notification
from loans.models import Loan
from loans.tests.factories import active_loan, kyc_verified_borrower
from repayments.selectors import foreclosure_quote
from repayments.tests.factories import levy_penal, post_payment

pytest_plugins = ["portal.tests.browser_support"]  # browser, site, tab
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def closed_loan(settings):
    """A loan paid out, charged, and foreclosed: every notice delivered on commit (eager)."""
    settings.SMS_BACKEND = "collection.notify.LocmemSmsBackend"
    user = kyc_verified_borrower(user__email="meera@example.in", user__full_name="Meera Iyer")
    loan = active_loan(borrower=user, disbursed_on=date(2026, 1, 10))
    levy_penal(loan, number=1, amount=500, charged_on=date(2026, 2, 14))
    day = date(2026, 2, 25)
    post_payment(loan, amount=foreclosure_quote(loan=loan, as_of=day).total, paid_on=day)
    loan = Loan.objects.get(pk=loan.pk)
    assert loan.status == "foreclosed"
    assert not Notification.objects.filter(status="queued").exists()
    return loan


@pytest.mark.parametrize(("size", "name"), [(PHONE, "phone"), (DESKTOP, "desktop")])
def test_messages_and_the_certificate_on_a_phone_and_a_desktop(tab, closed_loan, size, name):
    phone = size is PHONE
    t = tab(viewport=size, is_mobile=phone, has_touch=phone, device_scale_factor=2 if phone else 1)
    page = t.page
    t.login("meera@example.in", PASSWORD)

    t.go("/notifications/")
    page.wait_for_selector("h1:has-text('Notices from us')")
    for label in (
        "Your loan offer",
        "Your loan was paid out",
        "A charge was added to your loan",
        "Receipt for your payment",
        "Your loan is closed",
    ):
        assert page.locator(f".message-kind:has-text('{label}')").count() == 1, label
    assert page.locator("text=Email · Sent on").count() == 5
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    t.shot(f"notices-{name}-messages")

    t.go(f"/loans/{closed_loan.pk}/")
    page.wait_for_selector("text=This loan is closed. Nothing more is owed on it.")
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    t.shot(f"notices-{name}-closed-loan")
    with page.expect_download() as download:
        page.click("a:has-text('No Dues Certificate (PDF)')")
    path = download.value.path()
    with open(path, "rb") as pdf:
        assert pdf.read(5) == b"%PDF-"
    assert download.value.suggested_filename == f"loan-{closed_loan.pk}-no-dues-certificate.pdf"
    assert t.csp_violations() == []
