"""The reconciliation API (paths and codes fixed in API.md) and the virtual-account credit
webhook: a signed credit posts once, a bad signature is refused and audited."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import AuditEvent
from accounts.roles import FINANCE
from accounts.tests.factories import staff
from lendingsite.dates import today_ist
from loans.tests.factories import active_loan
from reconciliation.adapters import sandbox_credit_payload, sandbox_credit_sign
from reconciliation.models import LineStatus, StatementLine
from reconciliation.tests.helpers import HEADER, client_for, credit, deliver, post
from repayments.models import Payment

pytestmark = pytest.mark.django_db


def test_a_signed_credit_posts_once(client, loan):
    body = credit(loan)
    first = deliver(client, body)
    assert first.status_code == 201, first.content
    assert first.json()["status"] == "posted" and first.json()["loan"] == loan.pk
    payment = Payment.objects.get(utr_canonical="412300000001")
    assert (payment.amount, payment.channel, payment.provider) == (
        Decimal("1500.00"),
        "upi",
        "va-sandbox",
    )
    again = deliver(client, body)
    assert again.status_code == 200 and again.json()["status"] == "duplicate"
    # The same money seen again under another notice id is still one payment: same UTR.
    other = credit(loan, notice_id="vac_2")
    third = deliver(client, other)
    assert third.status_code == 200 and third.json()["payment"] == payment.pk
    assert Payment.objects.filter(loan=loan).count() == 1


def test_a_bad_signature_is_refused_and_audited(client, loan):
    body = credit(loan)
    tampered = body.replace(b"1500.00", b"9500.00")
    answer = deliver(client, tampered, sandbox_credit_sign(body))
    assert answer.status_code == 401 and answer.json()["code"] == "not_authenticated"
    assert not Payment.objects.exists()
    assert AuditEvent.objects.filter(action="webhook.rejected", target_id="va-sandbox").exists()
    unsigned = deliver(client, body, {})
    assert unsigned.status_code == 401


def test_a_credit_to_an_account_not_ours_is_refused(client, loan):
    body = sandbox_credit_payload(
        account_number="99880000000000", amount="10.00", paid_at=datetime.now(UTC), notice_id="x1"
    )
    answer = deliver(client, body)
    assert answer.status_code == 400 and answer.json()["code"] == "validation_error"
    assert not Payment.objects.exists()


def _statement(loan) -> SimpleUploadedFile:
    day = (today_ist() - timedelta(days=1)).strftime("%d/%m/%Y")
    text = HEADER + (
        f"{day},{day},NEFT/UTIB0000000000000001/{loan.virtual_account.account_number},UTIB0000000000000001,,900.00,900.00\n"
        f"{day},{day},NEFT/UTIB0000000000000002/NOBODY,UTIB0000000000000002,,400.00,1300.00\n"
    )
    return SimpleUploadedFile("statement.csv", text.encode(), content_type="text/csv")


def test_upload_then_the_queue_with_maker_checker(loan):
    maker, checker = staff(FINANCE), staff(FINANCE)
    answer = post(
        client_for(maker), "/api/v1/bank-statements/", {"file": _statement(loan)}, fmt="multipart"
    )
    assert answer.status_code == 201, answer.content
    assert (answer.json()["posted"], answer.json()["queued"]) == (1, 1)
    again = post(
        client_for(maker), "/api/v1/bank-statements/", {"file": _statement(loan)}, fmt="multipart"
    )
    assert (again.json()["posted"], again.json()["duplicates"]) == (0, 2)

    queued = (
        client_for(maker).get("/api/v1/statement-lines/", {"status": "queued"}).json()["results"]
    )
    [line] = queued
    assigned = post(
        client_for(maker), f"/api/v1/statement-lines/{line['id']}/assign/", {"loan": loan.pk}
    )
    assert assigned.status_code == 200 and assigned.json()["status"] == "proposed"
    same = post(client_for(maker), f"/api/v1/statement-lines/{line['id']}/approve/")
    assert same.status_code == 403 and same.json()["code"] == "maker_checker"
    approved = post(client_for(checker), f"/api/v1/statement-lines/{line['id']}/approve/")
    assert approved.status_code == 200 and approved.json()["status"] == "posted"
    assert Payment.objects.filter(utr_canonical="UTIB0000000000000002", loan=loan).count() == 1


def test_lists_cost_a_fixed_number_of_queries(loan):
    user = staff(FINANCE)
    post(client_for(user), "/api/v1/bank-statements/", {"file": _statement(loan)}, fmt="multipart")
    client = client_for(user)
    with CaptureQueriesContext(connection) as few:
        client.get("/api/v1/statement-lines/")
    post(client_for(user), "/api/v1/bank-statements/", {"file": _statement(loan)}, fmt="multipart")
    with CaptureQueriesContext(connection) as more:
        assert len(client.get("/api/v1/statement-lines/").json()["results"]) == 4
    assert len(more) == len(few)
    assert StatementLine.objects.filter(status=LineStatus.DUPLICATE).count() == 2


def test_a_borrower_sees_only_their_own_virtual_account(loan):
    other = active_loan(disbursed_on=today_ist() - timedelta(days=10))
    rows = client_for(loan.borrower).get("/api/v1/virtual-accounts/").json()["results"]
    assert [r["loan"] for r in rows] == [loan.pk]
    assert rows[0]["account_number"] == loan.virtual_account.account_number
    assert client_for(loan.borrower).get("/api/v1/bank-statements/").json()["results"] == []
    assert other.virtual_account.account_number != rows[0]["account_number"]


def _mt940(loan) -> SimpleUploadedFile:
    d = (today_ist() - timedelta(days=1)).strftime("%y%m%d")
    va = loan.virtual_account.account_number
    text = (
        f":20:API1\r\n:25:ACC\r\n:28C:1\r\n:60F:C{d}INR0,\r\n"
        f":61:{d}C600,NTRFKKBK000000000009\r\n:86:NEFT/{va}\r\n:62F:C{d}INR600,00\r\n-\r\n"
    )
    return SimpleUploadedFile("s.sta", text.encode(), content_type="application/octet-stream")


def test_an_mt940_upload_is_told_apart_or_refused_as_chosen(loan):
    user = staff(FINANCE)
    answer = post(client_for(user), "/api/v1/bank-statements/", {"file": _mt940(loan)}, "multipart")
    assert answer.status_code == 201, answer.content
    assert (answer.json()["file_format"], answer.json()["posted"]) == ("mt940", 1)
    assert Payment.objects.get(utr_canonical="KKBK000000000009").loan == loan
    as_csv = post(
        client_for(user),
        "/api/v1/bank-statements/",
        {"file": _mt940(loan), "file_format": "csv"},
        "multipart",
    )
    assert as_csv.status_code == 400 and as_csv.json()["code"] == "validation_error"
    unknown = post(
        client_for(user),
        "/api/v1/bank-statements/",
        {"file": _mt940(loan), "file_format": "bai2"},
        "multipart",
    )
    assert unknown.status_code == 400 and "file_format" in unknown.json()["errors"]
