"""The books' reports (trial balance, income recognised vs suspended, asset
classification with provisions): page = CSV = XLSX = API, the figures against the ledger
computed independently, who may read them, bad dates, and query counts that do not grow
with the book."""

import csv
import io
import json
from datetime import date
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from accounting.close.job import month_end_run
from accounting.models import LoanCollateral, ProvisionDetail
from accounting.tests.helpers import balance, income
from accounts.roles import AUDITOR, FINANCE, LOAN_OFFICER
from accounts.tests.factories import borrower, staff
from collection.dayend import day_end_run
from collection.models import BucketHistory
from collection.tests.dayend_helpers import loan_due, pay
from console.reports import REPORTS, Filters
from console.reports.export import plain
from loans.models import JournalLine
from repayments.models import Payment

pytestmark = pytest.mark.django_db
D = Decimal
JAN = date(2026, 1, 31)
BOOKS = ("trial-balance", "income-recognition", "asset-classification")


def _rows(name: str, **filters) -> list[tuple]:
    return list(REPORTS[name].rows(Filters(**filters)))


def _csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def closed():
    loans = [loan_due(date(2026, 1, 15)) for _ in range(3)]
    month_end_run(business_date=JAN)
    return loans


def test_the_trial_balance_report_is_the_selector_and_balances(closed):
    rows = _rows("trial-balance", date_to=JAN)
    *accounts, total = rows
    assert total[2] == "Total" and total[3] == "balanced"
    assert total[4] == total[5] == sum(r[4] for r in accounts) == sum(r[5] for r in accounts)
    assert total[4] > 0 and total[6] == 0
    by_code = {r[1]: r for r in accounts}
    # Each account's balance, read independently from its lines.
    for code in ("INTEREST_RECEIVABLE", "LOAN_PORTFOLIO", "INTEREST_INCOME"):
        assert by_code[code][6] == balance(code, as_of=JAN) != 0
    assert by_code["INTEREST_RECEIVABLE"][4] == D("1806.45")
    # Before the disbursements nothing was posted: every balance is zero.
    assert _rows("trial-balance", date_to=date(2026, 1, 1))[-1][4] == 0


@pytest.mark.parametrize("role", [FINANCE, AUDITOR])
def test_page_csv_xlsx_and_api_carry_the_same_rows(client, closed, role):
    client.force_login(staff(role))
    for name in BOOKS:
        expected = [
            [plain(v, c.kind) for v, c in zip(r, REPORTS[name].columns, strict=True)]
            for r in _rows(name, date_to=JAN)
        ]
        assert expected, name
        url = f"/admin/reports/{name}/"
        page = client.get(url, {"date_to": "2026-01-31"})
        assert page.status_code == 200 and REPORTS[name].title in page.content.decode()
        got = client.get(url, {"date_to": "2026-01-31", "format": "csv"})
        lines = _csv(got)
        assert lines[0] == [c.label for c in REPORTS[name].columns]
        assert lines[1:] == expected, name
        xlsx = client.get(url, {"date_to": "2026-01-31", "format": "xlsx"})
        sheet = openpyxl.load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
        assert sheet.max_row == len(expected) + 1
        api = client.get(f"/api/v1/reports/{name}/", {"to": "2026-01-31"})
        body = json.loads(b"".join(api.streaming_content))
        assert [list(r.values()) for r in body["rows"]] == expected


def test_who_may_read_the_books_reports(client, closed):
    api = APIClient()
    for user in (borrower(), staff(LOAN_OFFICER)):
        api.force_authenticate(user)
        client.force_login(user)
        for name in BOOKS:
            response = api.get(f"/api/v1/reports/{name}/")
            assert response.status_code == 404 and response.json()["code"] == "not_found"
            page = client.get(f"/admin/reports/{name}/")
            assert page.status_code in (302, 404)  # a borrower is sent to the staff login
            assert REPORTS[name].title not in page.content.decode()
    client.force_login(staff(LOAN_OFFICER))
    assert "trial-balance" not in client.get("/admin/reports/").content.decode()


def test_a_bad_date_is_a_problem_and_a_form_error(client):
    api = APIClient()
    api.force_authenticate(staff(FINANCE))
    for name in BOOKS:
        bad = api.get(f"/api/v1/reports/{name}/", {"to": "31-01-2026"})
        assert bad.status_code == 400 and bad.json()["code"] == "validation_error"
        assert "to" in bad.json()["errors"]
        reversed_range = api.get(f"/api/v1/reports/{name}/", {"from": "2026-02-01", "to": JAN})
        assert reversed_range.json()["code"] == "validation_error"
    client.force_login(staff(AUDITOR))
    page = client.get("/admin/reports/income-recognition/", {"date_to": "2026-13-01"})
    assert page.status_code == 200 and "Enter a valid date" in page.content.decode()


def test_no_close_yet_is_an_empty_classification_not_an_error(closed):
    assert _rows("asset-classification", date_to=date(2026, 1, 30)) == []
    assert _rows("asset-classification", date_to=date(2026, 2, 20))[0][0] == JAN


def test_the_query_count_does_not_grow_with_the_book(client):
    def queries(name: str) -> int:
        with CaptureQueriesContext(connection) as captured:
            _csv(client.get(f"/admin/reports/{name}/", {"date_to": "2026-01-31", "format": "csv"}))
        return len(captured)

    loan_due(date(2026, 1, 15))
    month_end_run(business_date=JAN)
    client.force_login(staff(FINANCE))
    small = {name: queries(name) for name in BOOKS}
    for _ in range(4):
        loan_due(date(2026, 1, 15))
    month_end_run(business_date=date(2026, 2, 28))  # a second close: more lines, more details
    assert {name: queries(name) for name in BOOKS} == small
    assert max(small.values()) <= 10, small


def _npa_loan():
    """Nothing paid: 91 days past the 15 Feb due date on 16 May, NPA at that day-end."""
    loan = loan_due(date(2026, 1, 15))
    month_end_run(business_date=JAN)
    month_end_run(business_date=date(2026, 2, 28))
    day_end_run(business_date=date(2026, 5, 16))
    loan = type(loan).objects.get(pk=loan.pk)
    assert loan.bucket == "NPA"
    return loan


def _month(report_rows, product) -> dict:
    (row,) = [r for r in report_rows if r[2] == product]
    keys = [c.key for c in REPORTS["income-recognition"].columns]
    return dict(zip(keys, row, strict=True))


def _paid(loan, start, end, field):
    payments = Payment.objects.filter(loan=loan, paid_on__range=(start, end))
    return sum((getattr(p, field) for p in payments), D("0.00"))


def test_income_suspended_on_npa_recognised_on_collection_released_on_upgrade():
    loan = _npa_loan()
    code = loan.product.code
    accrued = income(loan)
    month_end_run(business_date=date(2026, 5, 31))
    may = _month(_rows("income-recognition", date_to=date(2026, 5, 31)), code)
    assert may["date_from"] == date(2026, 5, 1)
    assert may["suspended"] == accrued > 0 and may["accrued"] == 0
    assert may["interest_income"] == -accrued
    assert may["interest_suspense_held"] == accrued
    # The penal charges the day-end levied sit in suspense, not in income.
    levied = -balance("CHARGES_SUSPENSE", loan)
    assert may["charges_suspense_held"] == levied > 0 and may["charges_recognised"] == 0
    # Before the close's date nothing was suspended: the report reads entries by their date.
    early = _rows("income-recognition", date_from=date(2026, 5, 1), date_to=date(2026, 5, 30))
    assert all(r[5] == 0 for r in early)

    pay(loan, D("3000.00"), on=date(2026, 6, 10))
    month_end_run(business_date=date(2026, 6, 30))
    june = _month(_rows("income-recognition", date_to=date(2026, 6, 30)), code)
    paid_interest = _paid(loan, date(2026, 6, 1), date(2026, 6, 30), "interest")
    assert june["recognised_on_collection"] == paid_interest > 0
    assert june["released_on_upgrade"] == 0 and june["accrued"] == 0
    assert june["interest_income"] == income(loan, as_of=date(2026, 6, 30)) - income(
        loan, as_of=date(2026, 5, 31)
    )
    assert june["charges_recognised"] == _paid(
        loan, date(2026, 6, 1), date(2026, 6, 30), "penal"
    ) + _paid(loan, date(2026, 6, 1), date(2026, 6, 30), "fees")

    arrears = sum(r.outstanding for r in loan.installments.filter(due_date__lte="2026-07-10"))
    pay(loan, arrears, on=date(2026, 7, 10))
    day_end_run(business_date=date(2026, 7, 10))
    month_end_run(business_date=date(2026, 7, 31))
    july = _month(_rows("income-recognition", date_to=date(2026, 7, 31)), code)
    held_in_june = -balance("INTEREST_SUSPENSE", loan, as_of=date(2026, 6, 30))
    assert july["released_on_upgrade"] == held_in_june > 0
    assert july["recognised_on_collection"] == 0 and july["accrued"] > 0
    assert july["interest_suspense_held"] == 0
    # The columns add up to the net interest income of the period, read from its lines.
    whole = _month(
        _rows("income-recognition", date_from=date(2026, 1, 1), date_to=date(2026, 7, 31)), code
    )
    lines = JournalLine.objects.filter(loan=loan, account__code="INTEREST_INCOME")
    assert whole["interest_income"] == sum(x.credit - x.debit for x in lines) == income(loan)
    assert whole["other_interest"] == 0
    assert whole["accrued"] + whole["recognised_on_collection"] + whole[
        "released_on_upgrade"
    ] - whole["accrual_reversed"] - whole["suspended"] == income(loan)


def test_the_classification_of_a_doubtful_secured_loan_and_a_product_filter():
    loan = loan_due(date(2023, 1, 15), tenure=60)
    other = loan_due(date(2026, 1, 15))
    BucketHistory.objects.create(
        loan=loan, business_date=date(2023, 5, 31), from_bucket="SMA-2", to_bucket="NPA", dpd=91
    )
    type(loan).objects.filter(pk=loan.pk).update(bucket="NPA", dpd=1200)
    LoanCollateral.objects.create(
        loan=loan, realisable_value=D("30000.00"), valued_on=date(2026, 1, 1)
    )
    month_end_run(business_date=date(2026, 5, 31))
    rows = {r[1]: r for r in _rows("asset-classification", date_to=date(2026, 5, 31))}
    exposure = balance("LOAN_PORTFOLIO", loan, as_of=date(2026, 5, 31))
    # 1096 days in NPA: 365 sub-standard, then 731 doubtful: D2 (30 % secured, 100 % rest).
    d2 = rows["Doubtful D2"]
    assert d2[2:] == (
        1,
        exposure,
        D("30000.00"),
        exposure - D("30000.00"),
        D("9000.00") + exposure - D("30000.00"),
    )
    standard = rows["Standard"]
    assert standard[2] == 1 and standard[5] == standard[3] > 0
    assert rows["Total"][6] == d2[6] + standard[6] == -balance("LOAN_LOSS_PROVISION")
    assert sum(d.required for d in ProvisionDetail.objects.all()) == rows["Total"][6]
    only = {r[1]: r for r in _rows("asset-classification", product_id=other.product_id)}
    assert only["Doubtful D2"][2] == 0 and only["Standard"][2] == 1


def test_the_books_page_links_the_reports_of_its_close(client, closed):
    client.force_login(staff(AUDITOR))
    html = client.get("/admin/books/").content.decode()
    for name in (*BOOKS, "npa-movement"):
        assert f"/admin/reports/{name}/?date_from=2026-01-01&amp;date_to=2026-01-31" in html
