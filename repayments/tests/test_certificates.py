"""The No Dues Certificate of a closed loan (repayments.certificates): its content, read
back from the PDF's text, and who gets it where (the API, the borrower's loan page)."""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse
from pypdf import PdfReader
from rest_framework.test import APIClient

from accounts.roles import COLLECTOR, FINANCE
from accounts.tests.factories import borrower, staff
from lendingsite.dates import today_ist
from lendingsite.money import format_inr
from loans.models import Installment, Loan
from loans.tests.factories import active_loan
from repayments.certificates import no_dues_certificate_pdf
from repayments.selectors import foreclosure_quote
from repayments.tests.factories import post_payment

pytestmark = pytest.mark.django_db
D = Decimal
DISBURSED = date(2026, 1, 10)
EMI = D("8978.71")


def pdf_text(data: bytes) -> str:
    assert data.startswith(b"%PDF-")
    text = "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return re.sub(r"\s+", " ", text)


def fresh(loan) -> Loan:
    return Loan.objects.get(pk=loan.pk)


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@pytest.fixture
def foreclosed():
    """₹1,00,000 at 14 % for 12 months from 10 Jan 2026: the first EMI paid, the rest
    foreclosed on 25 Feb 2026 with ₹100.00 too much."""
    loan = active_loan(disbursed_on=DISBURSED, tenure=12)
    post_payment(loan, amount=EMI, paid_on=date(2026, 2, 10))
    day = date(2026, 2, 25)
    quote = foreclosure_quote(loan=fresh(loan), as_of=day)
    post_payment(loan, amount=quote.total + D("100.00"), paid_on=day)
    loan = fresh(loan)
    assert loan.status == "foreclosed"
    loan.paid_total = EMI + quote.total + D("100.00")
    return loan


def test_certificate_says_who_what_when_and_that_nothing_is_owed(foreclosed):
    loan = foreclosed
    text = pdf_text(no_dues_certificate_pdf(loan, issued_on=date(2026, 3, 2)))
    name = loan.borrower.profile.full_name

    assert settings.LENDER_NAME in text
    assert "No Dues Certificate" in text
    assert f"Certificate no. NDC-{loan.pk:06d}-20260225" in text
    assert "Date of issue: 2 March 2026" in text
    assert f"certify that {name}, the borrower of loan no. {loan.pk} ({loan.product.name})" in text
    assert "paid off early all amounts due under that loan" in text
    assert "closed on 25 February 2026" in text
    assert "no principal, interest, fee or penal charge remains payable" in text
    assert "Amount sanctioned ₹1,00,000.00" in text
    net = format_inr(loan.net_disbursed)
    assert f"Amount disbursed {net} on 10 January 2026" in text
    assert "Foreclosed (paid off before the end of its term)" in text
    assert (
        f"Total paid {format_inr(loan.paid_total)} (principal ₹1,00,000.00, interest "
        f"{format_inr(loan.paid_total - D('100000.00') - D('100.00'))}, charges ₹0.00, paid in "
        "excess ₹100.00)" in text
    )
    assert "Amount outstanding ₹0.00" in text
    assert "We hold ₹100.00 paid in excess on this loan" in text
    officer = settings.GRIEVANCE_OFFICER
    for part in (officer["name"], officer["email"], officer["phone"]):
        assert part in text


def test_a_loan_paid_to_the_end_is_certified_paid_in_full_and_issued_today():
    loan = active_loan(disbursed_on=DISBURSED, tenure=3)
    rows = list(Installment.objects.filter(loan=loan).order_by("number"))
    for row in rows:
        post_payment(loan, amount=row.total_due, paid_on=row.due_date)
    loan = fresh(loan)

    text = pdf_text(no_dues_certificate_pdf(loan))

    assert "How it was closed Paid in full" in text
    assert "has repaid in full all amounts due" in text
    assert f"Date of issue: {long_date(today_ist())}" in text
    assert f"closed on {long_date(rows[-1].due_date)}" in text
    assert "paid in excess" not in text


def test_refused_for_a_loan_still_owing_anything():
    from lendingsite.errors import DomainError

    loan = active_loan(disbursed_on=DISBURSED, tenure=12)
    with pytest.raises(DomainError) as active:
        no_dues_certificate_pdf(loan)
    assert active.value.code == "invalid_state"
    assert "issued once the loan is closed" in active.value.detail


def test_refused_when_a_charge_is_left_unpaid_on_a_closed_loan(foreclosed):
    from lendingsite.errors import DomainError

    Installment.objects.filter(loan=foreclosed, number=1).update(penal_due=D("500.00"))
    with pytest.raises(DomainError) as caught:
        no_dues_certificate_pdf(foreclosed)
    assert caught.value.code == "invalid_state"


# --- the API -------------------------------------------------------------------------------


def _api(user):
    client = APIClient()
    if user is not None:
        client.force_authenticate(user)
    return client


def _url(loan) -> str:
    return f"/api/v1/loans/{loan.pk}/no-dues-certificate/"


def test_owner_and_staff_download_it(foreclosed):
    for user in (foreclosed.borrower, staff(FINANCE)):
        response = _api(user).get(_url(foreclosed))
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert response["Content-Disposition"] == (
            f'attachment; filename="loan-{foreclosed.pk}-no-dues-certificate.pdf"'
        )
        assert response["Cache-Control"] == "private, no-store"
        assert f"NDC-{foreclosed.pk:06d}-20260225" in pdf_text(response.content)


def test_a_loan_not_closed_is_409_invalid_state():
    loan = active_loan(disbursed_on=DISBURSED)
    response = _api(loan.borrower).get(_url(loan))
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "invalid_state"


def test_others_get_404_and_anonymous_401(foreclosed):
    for user in (borrower(), staff(COLLECTOR)):
        response = _api(user).get(_url(foreclosed))
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    assert _api(None).get(_url(foreclosed)).status_code == 401
    assert (
        _api(foreclosed.borrower).get("/api/v1/loans/999999/no-dues-certificate/").status_code
        == 404
    )


# --- the borrower's pages ------------------------------------------------------------------


def test_the_closed_loans_page_offers_the_certificate(
    client, foreclosed, django_assert_max_num_queries
):
    client.force_login(foreclosed.borrower)
    with django_assert_max_num_queries(10):
        page = client.get(reverse("borrower:loan", args=[foreclosed.pk]))
    html = page.content.decode()
    link = reverse("borrower:no_dues_certificate", args=[foreclosed.pk])
    assert f'href="{link}"' in html
    assert "This loan is closed. Nothing more is owed on it." in html

    download = client.get(link)
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert f"loan no. {foreclosed.pk}" in pdf_text(download.content)


def test_an_open_loan_has_no_certificate_and_asking_explains_why(client):
    loan = active_loan(disbursed_on=DISBURSED)
    client.force_login(loan.borrower)
    link = reverse("borrower:no_dues_certificate", args=[loan.pk])
    assert link not in client.get(reverse("borrower:loan", args=[loan.pk])).content.decode()

    response = client.get(link, follow=True)
    assert response.redirect_chain == [(reverse("borrower:loan", args=[loan.pk]), 302)]
    assert "issued once the loan is closed" in response.content.decode()


def test_someone_elses_certificate_is_a_404(client, foreclosed):
    client.force_login(borrower())
    link = reverse("borrower:no_dues_certificate", args=[foreclosed.pk])
    assert client.get(link).status_code == 404
