"""Distress servicing in the reports: the register of write-offs, settlements and
restructures (page = CSV = API, filters, query count flat), and the NPA movement counting
write-offs and settlements of NPA loans apart from the other closures."""

import csv
import io
import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.roles import COLLECTIONS_MANAGER, CREDIT_MANAGER, FINANCE
from accounts.tests.factories import staff
from collection.models import PortfolioSnapshot
from console.reports import REPORTS, Filters
from lendingsite.dates import today_ist
from loans.models import Loan, Reschedule
from loans.tests.factories import active_loan
from repayments.services.servicing.proposals import proposal_approve
from repayments.services.servicing.reschedules import loan_restructure_propose, restructure_accept
from repayments.services.servicing.settlements import loan_settlement_propose
from repayments.services.servicing.writeoffs import loan_write_off_propose
from repayments.tests.factories import post_payment

pytestmark = pytest.mark.django_db
D = Decimal


def _approved(proposal):
    return proposal_approve(acting_user=staff(COLLECTIONS_MANAGER), proposal=proposal)


def _npa(loan):
    Loan.objects.filter(pk=loan.pk).update(bucket="NPA")  # as the day-end would at 91+ DPD
    return Loan.objects.get(pk=loan.pk)


@pytest.fixture
def distress():
    today, maker = today_ist(), staff(CREDIT_MANAGER)
    start = today - timedelta(days=100)
    written = _npa(active_loan(disbursed_on=start))
    _approved(loan_write_off_propose(acting_user=maker, loan=written, reason="Absconded"))
    settled = _npa(active_loan(disbursed_on=start))
    _approved(
        loan_settlement_propose(acting_user=maker, loan=settled, amount=D("20000"), reason="x")
    )
    post_payment(settled, amount=D("20000.00"), paid_on=today)
    restructured = active_loan(disbursed_on=start)
    _approved(
        loan_restructure_propose(
            acting_user=maker, loan=restructured, annual_rate=D("10"), tenure=18, reason="x"
        )
    )
    restructure_accept(
        acting_user=restructured.borrower, reschedule=Reschedule.objects.get(loan=restructured)
    )
    return written, settled, restructured


def test_the_register_lists_each_event_and_the_csv_and_api_carry_the_same(client, distress):
    written, settled, restructured = distress
    today = today_ist()
    rows = list(REPORTS["servicing-register"].rows(Filters(today, today)))
    by_loan = {r[1]: r for r in rows}
    assert len(rows) == 3
    w = by_loan[written.pk]
    assert (w[0], w[3], w[4]) == (today, "write-off", "technical")
    assert w[5] == Loan.objects.get(pk=written.pk).write_off_record.principal > 0
    s = by_loan[settled.pk]
    assert (s[3], s[4], s[9]) == ("settlement", "paid", D("20000.00"))
    assert s[5] == Loan.objects.get(pk=settled.pk).settlements.get().waived_principal > 0
    r = by_loan[restructured.pk]
    assert (r[3], r[4], r[11], r[12]) == ("restructure", "applied", D("10.0000"), 18)
    assert list(REPORTS["servicing-register"].rows(Filters(today + timedelta(days=1)))) == []
    only = Filters(today, today, product_id=written.product_id)
    assert [r[1] for r in REPORTS["servicing-register"].rows(only)] == [written.pk]

    client.force_login(staff(CREDIT_MANAGER))
    url = "/admin/reports/servicing-register/"
    page = client.get(url)
    assert page.status_code == 200 and "Write-offs, settlements and restructures" in (
        page.content.decode()
    )
    with CaptureQueriesContext(connection) as queries:
        got = client.get(url, {"format": "csv"})
        lines = list(csv.reader(io.StringIO(b"".join(got.streaming_content).decode("utf-8-sig"))))
    assert len(lines) == 4 and lines[0][3] == "Event"
    assert len(queries) <= 12  # a few per table, never one per row
    api = client.get("/api/v1/reports/servicing-register/", {"format": "json"})
    parsed = json.loads(b"".join(api.streaming_content))
    assert sorted(r["loan"] for r in parsed["rows"]) == sorted(x[1] for x in lines[1:])
    client.force_login(staff(FINANCE))  # finance does not read proposals
    assert client.get("/api/v1/reports/servicing-register/").status_code == 404


def test_npa_movement_counts_write_offs_and_settlements_apart(distress):
    written, settled, _ = distress
    today = today_ist()
    PortfolioSnapshot.objects.bulk_create(
        [
            PortfolioSnapshot(
                business_date=today - timedelta(days=1),
                product_id=loan.product_id,
                bucket="NPA",
                loans=1,
            )
            for loan in (written, settled)
        ]
        # Today's snapshot has no NPA row at all: closing is 0, not yesterday's 2.
        + [PortfolioSnapshot(business_date=today, product_id=written.product_id, bucket="current")]
    )
    (row,) = REPORTS["npa-movement"].rows(Filters(today, today))
    # opening, additions, upgrades, written off, settled, other closures, closing
    assert row == (2, 0, 0, 1, 1, 0, 0)
    (one,) = REPORTS["npa-movement"].rows(Filters(today, today, product_id=written.product_id))
    assert one == (1, 0, 0, 1, 0, 0, 0)
