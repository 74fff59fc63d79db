"""The borrower's cooling-off exit in a real browser at phone width (390 px) and on a
desktop: "Changed your mind?" asks, the page then says how much, by when and where, and
the sandbox gateway's "Pay now" cancels the loan. Screenshots go to test-artifacts/."""

from datetime import timedelta

import pytest

from accounts.tests.factories import PASSWORD
from lendingsite.dates import today_ist
from lendingsite.money import format_inr
from loans.models import Loan, LoanStatus
from loans.services.loans import cooling_off_amount
from loans.tests.factories import active_loan, kyc_verified_borrower
from repayments.models import ExitRequest, ExitRequestStatus, Payment

pytest_plugins = ["portal.tests.browser_support"]  # browser, site, tab
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def _fits(page, width: int) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize(
    ("name", "viewport", "mobile"), [("phone", PHONE, True), ("desktop", DESKTOP, False)]
)
def test_exit_flow(tab, name, viewport, mobile):
    email = f"exit-{name}@example.in"
    user = kyc_verified_borrower(user__email=email)
    loan = active_loan(borrower=user, disbursed_on=today_ist() - timedelta(days=1))
    options = {"viewport": viewport}
    if mobile:
        options.update(is_mobile=True, has_touch=True, device_scale_factor=2)
    t = tab(**options)
    page = t.page
    t.login(email, PASSWORD)

    t.go(f"/loans/{loan.pk}/")
    page.wait_for_selector("text=Changed your mind?")
    assert page.locator("input[name=reference]").count() == 0
    _fits(page, viewport["width"])
    t.shot(f"exit-1-offer-{name}")

    page.click("button:has-text('Ask to cancel this loan')")
    page.wait_for_selector("text=We have your request to cancel")
    request = ExitRequest.objects.get(loan=loan)
    heading = (
        f"Cancelling this loan: pay {format_inr(request.amount)} by {request.pay_by:%-d %b %Y}"
    )
    assert page.locator(f"h2:has-text('{heading}')").is_visible()
    assert page.locator("table.exit-amounts tbody tr").count() == 4
    assert page.locator(f"text={request.reference}").first.is_visible()
    assert Loan.objects.get(pk=loan.pk).status == LoanStatus.ACTIVE
    _fits(page, viewport["width"])
    t.shot(f"exit-2-request-{name}")

    today = cooling_off_amount(loan, on=today_ist())["total"]
    page.click(f"button:has-text('Pay {format_inr(today)} now')")
    page.wait_for_selector("text=This loan is cancelled")
    assert page.locator("dd.status-cancelled").inner_text() == "Cancelled (cooling-off)"
    assert Loan.objects.get(pk=loan.pk).status == LoanStatus.CANCELLED
    request = ExitRequest.objects.get(pk=request.pk)
    assert request.status == ExitRequestStatus.COMPLETED
    assert request.payment == Payment.objects.get(loan=loan)
    _fits(page, viewport["width"])
    t.shot(f"exit-3-cancelled-{name}")
    assert t.csp_violations() == []
