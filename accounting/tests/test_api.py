"""GET /api/v1/ledger/trial-balance/ and GET /api/v1/provisions/ (API.md, wave 2)."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounting.close.job import month_end_run
from accounting.tests.helpers import balance
from accounts.roles import AUDITOR, FINANCE, LOAN_OFFICER
from accounts.tests.factories import borrower, staff
from collection.tests.dayend_helpers import loan_due
from loans import ledger

pytestmark = pytest.mark.django_db

TB = "/api/v1/ledger/trial-balance/"
PROVISIONS = "/api/v1/provisions/"
JAN = date(2026, 1, 31)


def api(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def closed():
    loans = [loan_due(date(2026, 1, 15)) for _ in range(3)]
    month_end_run(business_date=JAN)
    return loans


@pytest.mark.parametrize("role", [FINANCE, AUDITOR])
def test_the_trial_balance_as_of_a_date_balances(closed, role):
    response = api(staff(role)).get(TB, {"as_of": "2026-01-31"})
    assert response.status_code == 200
    body = response.json()
    assert body["balanced"] is True
    assert body["total_debit"] == body["total_credit"]
    accounts = {row["code"]: row for row in body["accounts"]}
    receivable = balance(ledger.INTEREST_RECEIVABLE)
    assert Decimal(accounts["INTEREST_RECEIVABLE"]["debit"]) == receivable == Decimal("1806.45")
    # Before the disbursements nothing was posted.
    early = api(staff(role)).get(TB, {"as_of": "2026-01-01"}).json()
    assert Decimal(early["total_debit"]) == 0


def test_the_provisioning_detail_and_summary(closed):
    client = api(staff(FINANCE))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(PROVISIONS, {"as_of": "2026-02-10"})
    assert response.status_code == 200
    body = response.json()
    assert body["close_date"] == "2026-01-31" and body["count"] == 3
    standard = next(row for row in body["summary"] if row["asset_class"] == "standard")
    required = sum(Decimal(row["required"]) for row in body["results"])
    assert standard["loans"] == 3 and Decimal(standard["provision"]) == required
    assert required == -balance(ledger.LOAN_LOSS_PROVISION)
    assert len(queries) <= 8, [q["sql"][:90] for q in queries.captured_queries]


def test_refusals_are_problems():
    officer = api(staff(LOAN_OFFICER))
    assert officer.get(TB).json()["code"] == "permission_denied"
    assert api(borrower()).get(PROVISIONS).status_code == 403
    finance = api(staff(FINANCE))
    bad = finance.get(TB, {"as_of": "31-01-2026"})
    assert bad.status_code == 400 and bad.json()["code"] == "validation_error"
    none = finance.get(PROVISIONS, {"as_of": "2026-01-31"})
    assert none.status_code == 404 and none.json()["code"] == "not_found"


def test_a_date_before_year_1000_is_answered_as_an_iso_date():
    # strftime("%Y") writes year 266 as "266", which is not a `format: date`; the API writes
    # every date through isoformat (found by the schema fuzzer).
    answer = api(staff(FINANCE)).get(TB, {"as_of": "0266-01-27"})
    assert answer.status_code == 200
    assert answer.json()["as_of"] == "0266-01-27"
