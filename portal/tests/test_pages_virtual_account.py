"""The borrower's loan page shows where to pay by transfer: the loan's virtual account,
IFSC, UPI id and the reference for remarks."""

from datetime import timedelta

import pytest
from django.urls import reverse

from lendingsite.dates import today_ist
from loans.tests.factories import active_loan

pytestmark = pytest.mark.django_db


def test_the_loan_page_shows_the_virtual_account(client):
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=5))
    account = loan.virtual_account
    client.force_login(loan.borrower)
    page = client.get(reverse("borrower:loan", args=[loan.pk])).content.decode()
    assert "Pay by bank transfer or UPI" in page
    assert account.account_number in page and account.ifsc in page and account.vpa in page
    assert f"LN{loan.pk:08d}" in page
