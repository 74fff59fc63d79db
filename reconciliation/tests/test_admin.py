"""The console: upload a statement, the queue's assign / approve (maker-checker) actions,
pages at a fixed number of queries."""

from datetime import timedelta

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.roles import FINANCE
from accounts.tests.factories import staff
from lendingsite.dates import today_ist
from loans.tests.factories import active_loan
from reconciliation.models import LineStatus, StatementLine
from repayments.models import Payment

pytestmark = pytest.mark.django_db
LINES = "admin:reconciliation_statementline_changelist"


def _file(loan):
    day = (today_ist() - timedelta(days=1)).strftime("%d/%m/%Y")
    text = (
        "Txn Date,Value Date,Narration,Ref No./Cheque No.,Debit,Credit,Balance\n"
        f"{day},{day},NEFT/KKBK0000000000000001/{loan.virtual_account.account_number},KKBK0000000000000001,,600.00,600.00\n"
        f"{day},{day},NEFT/KKBK0000000000000002/WHO,KKBK0000000000000002,,300.00,900.00\n"
    )
    return SimpleUploadedFile("s.csv", text.encode(), content_type="text/csv")


def act(client, action, objs, **data):
    body = {"action": action, "_selected_action": [o.pk for o in objs], "index": "0", **data}
    return client.post(reverse(LINES), body)


def test_upload_assign_and_approve_in_the_console(client, django_assert_max_num_queries):
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=10))
    maker, checker = staff(FINANCE), staff(FINANCE)
    client.force_login(maker)
    bad = client.post(
        reverse("admin:reconciliation_statementimport_upload"),
        {"file": SimpleUploadedFile("x.csv", b"a,b\n1,2\n")},
    )
    assert bad.status_code == 200 and "no column for" in bad.content.decode()
    d = (today_ist() - timedelta(days=1)).strftime("%y%m%d")
    unbalanced = f":20:X\n:25:A\n:28C:1\n:60F:C{d}INR0,\n:61:{d}C5,NTRFNONREF\n:62F:C{d}INR6,\n"
    refused = client.post(
        reverse("admin:reconciliation_statementimport_upload"),
        {"file": SimpleUploadedFile("x.sta", unbalanced.encode()), "file_format": "mt940"},
    )
    assert refused.status_code == 200 and "not the closing balance 6.00" in refused.content.decode()
    done = client.post(
        reverse("admin:reconciliation_statementimport_upload"), {"file": _file(loan)}
    )
    assert done.status_code == 302
    assert "1 credits posted" in str(next(iter(get_messages(done.wsgi_request))))
    line = StatementLine.objects.get(status=LineStatus.QUEUED)

    assigned = act(
        client, "assign_selected", [line], apply="1", loan=str(loan.pk), note="called us"
    )
    assert assigned.status_code == 302
    line.refresh_from_db()
    assert line.status == LineStatus.PROPOSED
    act(client, "approve_selected", [line])
    line.refresh_from_db()
    assert line.status == LineStatus.PROPOSED  # the maker cannot approve

    client.force_login(checker)
    act(client, "approve_selected", [line])
    line.refresh_from_db()
    assert line.status == LineStatus.POSTED
    assert Payment.objects.filter(loan=loan).count() == 2

    with django_assert_max_num_queries(12):
        assert client.get(reverse(LINES)).status_code == 200
    for name in ("statementimport", "virtualaccount"):
        assert client.get(reverse(f"admin:reconciliation_{name}_changelist")).status_code == 200
