"""The borrower's whole journey in a real browser (Playwright + Debian's chromium) against
a live server: register, verify by the emailed link, profile and KYC, apply, an officer
approves, accept the KFS, finance disburses, pay through the sandbox gateway, see the
payment, download the statement. Plus the calculator and a phone-sized run.

Officers act through the services (their console is tested elsewhere); the borrower acts
only through the pages. Screenshots of the key pages go to test-artifacts/.
"""

import re
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from django.core import mail

from accounts.models import KycDocument, User
from accounts.roles import CREDIT_MANAGER, FINANCE, LOAN_OFFICER
from accounts.services.kyc import kyc_document_verify
from accounts.tests.factories import PASSWORD, staff
from lendingsite.dates import today_ist
from lendingsite.money import format_inr
from loans.models import Installment, Loan, LoanApplication, LoanStatus
from loans.services.applications import application_approve
from loans.services.loans import loan_disburse
from loans.tests.factories import ProductFactory, active_loan, kyc_verified_borrower
from repayments.models import Payment, PaymentSource

pytest_plugins = ["portal.tests.browser_support"]  # browser, site, tab
pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

EMAIL = "asha.verma@example.in"
PHONE = {"width": 375, "height": 740}
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def _verification_path() -> str:
    [message] = [m for m in mail.outbox if EMAIL in m.to]
    link = re.search(r"https?://\S+/accounts/verify-email/\S+/", message.body).group(0)
    return "/" + link.split("/", 3)[3]


def test_the_whole_borrower_journey(tab):
    ProductFactory(code="personal", name="Personal loan")  # 14%, 2% fee + GST
    t = tab()
    page = t.page

    # Register and verify by the link from the outbox.
    t.go("/accounts/register/")
    page.fill("#id_full_name", "Asha Verma")
    page.fill("#id_email", EMAIL)
    page.fill("#id_phone", "9876543210")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_selector("text=Check your inbox")
    t.go(_verification_path())
    page.click("button:has-text('Confirm my email')")
    page.wait_for_load_state()
    user = User.objects.get(email=EMAIL)
    assert user.email_verified

    # Log in; personal details; KYC documents.
    t.login(EMAIL, PASSWORD)
    t.go("/accounts/profile/")
    page.fill("#id_full_name", "Asha Verma")
    page.fill("#id_date_of_birth", "1990-05-17")
    page.fill("#id_pan", "ABCPV1234D")
    page.fill("#id_phone", "9876543210")
    page.fill("#id_address", "12 MG Road, Bengaluru 560001")
    page.select_option("#id_employment_type", "salaried")
    page.fill("#id_employer", "Acme Pvt Ltd")
    page.fill("#id_monthly_income", "1,50,000")
    page.click("button:has-text('Save my details')")
    page.wait_for_selector("text=Your details are saved.")
    for doc_type, name in (("pan_card", "pan.pdf"), ("address_proof", "address.pdf")):
        t.go("/accounts/kyc/")
        page.select_option("#id_doc_type", doc_type)
        page.set_input_files(
            "#id_file", {"name": name, "mimeType": "application/pdf", "buffer": PDF}
        )
        page.click("button:has-text('Upload')")
        page.wait_for_selector("text=is uploaded")
    officer = staff(LOAN_OFFICER)
    for document in KycDocument.objects.filter(profile__user=user):
        kyc_document_verify(acting_user=officer, document=document)

    # The account the loan is paid into: checked at once against the KYC name (sandbox).
    t.go("/accounts/bank-account/")
    page.fill("#id_holder_name", "ASHA VERMA")
    page.fill("#id_account_number", "5010 0123 4567 89")
    page.fill("#id_account_number_again", "50100123456789")
    page.fill("#id_ifsc", "hdfc0000184")
    page.click("button:has-text('Add the account')")
    page.wait_for_selector("text=Your bank account is verified")
    assert page.locator("text=XXXXXXXX6789").count() >= 1

    # Apply: the live preview (JavaScript) shows the installment as the borrower types.
    t.go("/apply/")
    page.select_option("#id_product", "personal")
    page.fill("#id_amount", "1,00,000")
    page.fill("#id_tenure", "12")
    page.wait_for_selector("#apply-preview >> text=₹8,978.71")
    page.fill("#id_purpose", "Home renovation")
    page.fill("#id_monthly_income", "1,50,000")
    page.fill("#id_existing_emis", "0")
    t.shot("01-apply")
    page.click("button:has-text('Submit application')")
    page.wait_for_selector("text=you meet our lending rules")
    application = LoanApplication.objects.get(borrower=user)
    t.shot("02-application-submitted")

    # A credit manager who did not make it approves (through the service).
    application_approve(acting_user=staff(CREDIT_MANAGER), application=application)
    page.reload()
    page.click("text=Read the offer and Key Fact Statement")
    page.wait_for_selector("h1:has-text('Key Fact Statement')")
    t.shot("03-kfs")
    page.check("#id_agree")
    page.click("button:has-text('Accept the offer')")
    page.wait_for_selector("text=Pending disbursement")
    loan = Loan.objects.get(borrower=user)
    assert page.url == f"{t.base}/loans/{loan.pk}/"

    # Finance disburses (through the service); the schedule appears.
    loan_disburse(
        acting_user=staff(FINANCE), loan=loan, disbursed_on=today_ist(), reference="NEFT0001"
    )
    first = Installment.objects.get(loan=loan, number=1)
    due = first.principal_due + first.interest_due

    # Pay through the sandbox gateway; the payment shows on the loan page.
    page.reload()
    page.click("a.button:has-text('Pay')")
    page.wait_for_selector("h1:has-text('Pay loan')")
    assert page.input_value("#id_amount") == f"{due}"
    assert page.locator(f"text=LS-{loan.pk}").first.is_visible()
    t.shot("04-pay")
    page.click("button:has-text('Pay now')")
    page.wait_for_selector(f"text=your payment of {format_inr(due)} is received")
    payment = Payment.objects.get(loan=loan)
    assert payment.source == PaymentSource.WEBHOOK and payment.amount == due
    assert page.locator(f"#payments-title ~ * >> text={payment.utr}").count() == 1
    assert page.locator("td[data-label=Status]:has-text('Paid')").count() == 1
    t.shot("05-loan-after-payment")

    # Download the statement (CSV) through the link on the page.
    with page.expect_download() as info:
        page.click("text=Statement (CSV)")
    download = info.value
    assert download.suggested_filename == f"loan-{loan.pk}-statement.csv"
    csv = Path(download.path()).read_text(encoding="utf-8")
    assert csv.splitlines()[0].startswith("date,type,description")
    assert payment.utr in csv and f"{due:.2f}" in csv

    t.go("/dashboard/")
    page.wait_for_selector(f"text=Loan #{loan.pk}")
    assert page.locator("text=Nothing is overdue. Thank you.").is_visible()
    t.shot("06-dashboard")
    assert t.csp_violations() == []


def test_calculator_page(tab):
    ProductFactory(code="personal", name="Personal loan")
    t = tab()
    page = t.page
    t.go("/calculator/")
    page.select_option("#id_product", "personal")
    page.fill("#id_amount", "1,00,000")
    page.fill("#id_tenure", "12")
    page.click("button:has-text('Calculate')")
    page.wait_for_selector("text=Your quote")
    assert page.locator("dd:has-text('₹8,978.71')").first.is_visible()
    assert page.locator("table.schedule tbody tr").count() == 12
    t.shot("07-calculator")
    assert t.csp_violations() == []


def test_phone_sized_dashboard_and_loan_page(tab):
    user = kyc_verified_borrower(user__email="phone@example.in")
    loan = active_loan(borrower=user, disbursed_on=today_ist() - timedelta(days=70))
    t = tab(viewport=PHONE, is_mobile=True, has_touch=True, device_scale_factor=2)
    page = t.page
    t.login("phone@example.in", PASSWORD)
    t.go("/dashboard/")
    page.wait_for_selector("text=2 installments overdue")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    t.shot("08-phone-dashboard")

    t.go(f"/loans/{loan.pk}/")
    page.wait_for_selector("text=Repayment schedule")
    # The schedule's header row is hidden: each installment is a labelled card instead.
    assert page.locator("table.schedule thead").bounding_box()["height"] <= 1
    assert (
        page.locator("table.schedule tbody tr").first.evaluate(
            "row => getComputedStyle(row).display"
        )
        == "block"
    )
    assert page.locator("td[data-label=Status]:has-text('Overdue')").count() == 2
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    t.shot("09-phone-loan")

    t.go(f"/loans/{loan.pk}/pay/")
    overdue = sum(
        i.principal_due + i.interest_due
        for i in Installment.objects.filter(loan=loan, number__lte=2)
    )
    assert page.input_value("#id_amount") == f"{Decimal(overdue):.2f}"
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    t.shot("10-phone-pay")
    assert Loan.objects.get(pk=loan.pk).status == LoanStatus.ACTIVE
    assert t.csp_violations() == []
