"""The books page: the closes with their status, and the chosen close's figures equal
the ledger and the provisioning detail; its queries do not grow with the book."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounting.close.job import month_end_run
from accounting.tests.helpers import balance, income
from accounts.roles import AUDITOR, FINANCE, LOAN_OFFICER
from accounts.tests.factories import staff
from collection.tests.dayend_helpers import loan_due
from lendingsite.money import format_inr

pytestmark = pytest.mark.django_db

URL = "/admin/books/"


@pytest.fixture
def admin_client_for(client):
    def signed_in(role):
        client.force_login(staff(role))
        return client

    return signed_in


def test_finance_sees_the_close_and_its_figures(admin_client_for):
    for _ in range(2):
        loan_due(date(2026, 1, 15))
    month_end_run(business_date=date(2026, 1, 31))
    client = admin_client_for(FINANCE)
    with CaptureQueriesContext(connection) as few:
        response = client.get(URL)
    assert response.status_code == 200
    page = response.content.decode()
    assert "2026-01-31" in page and "Completed" in page and "balanced" in page
    provision = -balance("LOAN_LOSS_PROVISION")
    assert provision == 2 * (Decimal("100602.15") * Decimal("0.004")).quantize(Decimal("0.01"))
    assert income() == Decimal("1204.30")  # 2 x 602.15
    assert format_inr(Decimal("1204.30")) in page and format_inr(provision) in page
    for _ in range(3):
        loan_due(date(2026, 1, 15))
    with CaptureQueriesContext(connection) as more:
        client.get(URL)
    assert len(more) == len(few)


def test_other_roles_are_refused(admin_client_for):
    assert admin_client_for(LOAN_OFFICER).get(URL).status_code == 403
    assert admin_client_for(AUDITOR).get(URL).status_code == 200
