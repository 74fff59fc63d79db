"""Reports: the CSV and XLSX downloads carry exactly the rows the page shows, the API
serves the same rows, scoping (404) and filters (400 / form error), and the query count of
a download does not grow with its rows."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import AUDITOR, COLLECTOR, FINANCE
from accounts.tests.factories import staff
from console.reports import REPORTS, Filters
from console.reports.export import plain
from console.tests import book as seeded
from console.tests.book import LAST

pytestmark = pytest.mark.django_db


@pytest.fixture
def book():
    return seeded.seed_book()


def page_rows(client, name: str, **params) -> list[list[str]]:
    """The report table's cells as the page shows them (text of each <td>)."""
    import re

    html = client.get(f"/admin/reports/{name}/", params).content.decode()
    body = html.split('id="report-table"')[1].split("</tbody>")[0].split("<tbody>")[1]
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    return [
        [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)]
        for r in rows
        if "No rows" not in r
    ]


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_payment_register_csv_and_page_carry_the_same_payments(client, book):
    client.force_login(staff(FINANCE))
    params = {"date_from": "2025-03-01", "date_to": "2025-04-30"}
    response = client.get("/admin/reports/payment-register/", {**params, "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    rows = csv_rows(response)
    report = REPORTS["payment-register"]
    assert rows[0] == [c.label for c in report.columns]
    expected = list(report.rows(Filters(date(2025, 3, 1), date(2025, 4, 30))))
    assert rows[1:] == [
        [plain(v, c.kind) for v, c in zip(r, report.columns, strict=True)] for r in expected
    ]
    assert len(rows) - 1 == 4  # 31 Mar: two; 30 Apr: one in full and the part payment
    shown = page_rows(client, "payment-register", **params)
    assert [r[0] for r in shown] == [r[0] for r in rows[1:]]
    # Money on the page in Indian notation, in the CSV plain with two decimals.
    assert shown[-1][7] == "₹1,000.00" and rows[-1][7] == "1000.00"


def test_xlsx_equals_the_csv(client, book):
    pytest.importorskip("openpyxl")
    import openpyxl

    client.force_login(staff(FINANCE))
    got = {}
    for fmt in ("csv", "xlsx"):
        response = client.get(
            "/admin/reports/disbursement-register/", {"format": fmt, "date_from": "2025-01-01"}
        )
        assert response.status_code == 200
        got[fmt] = b"".join(response.streaming_content)
    book_ = openpyxl.load_workbook(io.BytesIO(got["xlsx"]), read_only=True)
    sheet = list(book_.active.iter_rows(values_only=True))
    rows = list(csv.reader(io.StringIO(got["csv"].decode("utf-8-sig"))))
    assert list(sheet[0]) == rows[0]
    assert len(sheet) == len(rows) == 6
    for xrow, crow in zip(sheet[1:], rows[1:], strict=True):
        assert int(xrow[0]) == int(crow[0])
        assert xrow[1].date().isoformat() == crow[1]
        assert Decimal(str(xrow[3])).quantize(Decimal("0.01")) == Decimal(crow[3])


def test_summary_reports_match_the_dashboard_figures(client, book):
    demand = list(REPORTS["demand-collection"].rows(Filters(date(2025, 4, 1), LAST)))
    assert demand[0][1] == seeded.demand(date(2025, 4, 1), LAST)
    assert demand[0][2] == seeded.collected(date(2025, 4, 1), LAST)
    ageing = {r[1]: r[2] for r in REPORTS["ageing"].rows(Filters(None, LAST))}
    assert ageing == {"current": 1, "SMA-0": 2, "SMA-1": 1, "SMA-2": 1, "NPA": 0}
    (npa,) = REPORTS["npa-movement"].rows(Filters(date(2025, 3, 1), LAST))
    assert npa == (0, 0, 0, 0, 0, 0, 0)


def test_api_serves_the_same_rows_as_json_csv_and_xlsx(client, book):
    client.force_login(staff(FINANCE))
    url = "/api/v1/reports/payment-register/"
    data = client.get(url, {"from": "2025-03-01", "to": "2025-04-30", "format": "json"})
    assert data.status_code == 200
    body = b"".join(data.streaming_content)
    import json

    parsed = json.loads(body)
    assert [c["key"] for c in parsed["columns"]][:2] == ["id", "paid_on"]
    assert len(parsed["rows"]) == 4
    as_csv = csv_rows(client.get(url, {"from": "2025-03-01", "to": "2025-04-30", "format": "csv"}))
    assert [r["id"] for r in parsed["rows"]] == [r[0] for r in as_csv[1:]]
    product = book.products[1].pk
    only_b = json.loads(b"".join(client.get(url, {"product": product}).streaming_content))
    assert {r["product"] for r in only_b["rows"]} == {book.products[1].code}


def test_api_refusals(client):
    client.force_login(staff(FINANCE))
    assert client.get("/api/v1/reports/nope/").status_code == 404
    bad = client.get("/api/v1/reports/payment-register/", {"from": "2025-13-01"})
    assert bad.status_code == 400
    assert bad.json()["code"] == "validation_error"
    assert "from" in bad.json()["errors"]
    swapped = client.get(
        "/api/v1/reports/payment-register/", {"from": "2025-02-01", "to": "2025-01-01"}
    )
    assert swapped.status_code == 400
    assert client.get("/api/v1/reports/payment-register/", {"format": "pdf"}).status_code == 400
    # Someone who may not read the audit trail does not learn the report exists.
    assert client.get("/api/v1/reports/audit-extract/").status_code == 404


def test_report_scoping_in_the_console(client):
    client.force_login(staff(COLLECTOR))
    assert client.get("/admin/reports/audit-extract/").status_code == 404
    client.force_login(staff(AUDITOR))
    assert client.get("/admin/reports/audit-extract/").status_code == 200
    bad = client.get(
        "/admin/reports/audit-extract/", {"date_from": "2025-02-01", "date_to": "2025-01-01"}
    )
    assert bad.status_code == 200
    assert "The From date is after the To date." in bad.content.decode()


def _csv_queries(client) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get("/admin/reports/audit-extract/", {"format": "csv"})
        b"".join(response.streaming_content)
    return len(ctx)


def test_a_download_costs_the_same_queries_whatever_its_rows(client):
    from accounts.models import AuditEvent

    client.force_login(staff(AUDITOR))
    AuditEvent.objects.create(action="role.changed")
    few = _csv_queries(client)
    AuditEvent.objects.bulk_create([AuditEvent(action="role.changed") for _ in range(300)])
    assert _csv_queries(client) == few


def test_api_anonymous_is_401_and_a_borrower_sees_no_report(client):
    from accounts.tests.factories import borrower

    assert client.get("/api/v1/reports/payment-register/").status_code == 401
    client.force_login(borrower())
    assert client.get("/api/v1/reports/payment-register/").status_code == 404
    client.force_login(staff(FINANCE))
    assert client.get("/api/v1/reports/payment-register/", {"product": "abc"}).status_code == 400
    assert client.get("/api/v1/reports/payment-register/", {"product": "0"}).status_code == 400
