"""Hostile input to reconciliation: the wrong people acting on the queue, statement files
that are not what they claim, and credit notifications that are forged or replayed. Each is
a stable problem+json code, never a 500, and a refused file keeps nothing."""

import json
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from accounts.models import AuditEvent
from accounts.roles import COLLECTOR, FINANCE
from accounts.tests.factories import staff
from lendingsite.dates import today_ist
from reconciliation.adapters import sandbox_credit_sign
from reconciliation.models import LineStatus, StatementImport, StatementLine
from reconciliation.tests.helpers import HEADER, client_for, credit, deliver, post, upload
from repayments.models import Payment

pytestmark = pytest.mark.django_db


DAY = (today_ist() - timedelta(days=1)).strftime("%d/%m/%Y")


def _problem(answer, status: int, code: str) -> dict:
    assert answer.status_code == status, answer.content
    assert answer["Content-Type"].startswith("application/problem+json")
    assert answer.json()["code"] == code
    return answer.json()


def _proposed(loan) -> StatementLine:
    maker = staff(FINANCE)
    text = HEADER + f"{DAY},{DAY},NEFT/UTIB0000000000000009/NOBODY,UTIB0000000000000009,,400.00,\n"
    assert upload(maker, text.encode()).json()["queued"] == 1
    line = StatementLine.objects.get(status=LineStatus.QUEUED)
    answer = post(
        client_for(maker), f"/api/v1/statement-lines/{line.pk}/assign/", {"loan": loan.pk}
    )
    assert answer.json()["status"] == "proposed"
    line.refresh_from_db()
    return line


# --- the wrong people ----------------------------------------------------------------------


def test_a_collector_cannot_approve_a_match(loan):
    line = _proposed(loan)
    answer = post(client_for(staff(COLLECTOR)), f"/api/v1/statement-lines/{line.pk}/approve/")
    _problem(answer, 403, "permission_denied")
    line.refresh_from_db()
    assert line.status == LineStatus.PROPOSED and not Payment.objects.exists()


def test_the_maker_cannot_approve_their_own_match(loan):
    line = _proposed(loan)
    maker = line.assigned_by
    _problem(
        post(client_for(maker), f"/api/v1/statement-lines/{line.pk}/approve/"), 403, "maker_checker"
    )
    line.refresh_from_db()
    assert line.status == LineStatus.PROPOSED and not Payment.objects.exists()
    assert AuditEvent.objects.filter(action="statement_line.approve_refused").exists()


def test_assigning_to_a_loan_that_does_not_exist_is_a_validation_error(loan):
    maker = staff(FINANCE)
    text = HEADER + f"{DAY},{DAY},NEFT/UTIB0000000000000009/NOBODY,UTIB0000000000000009,,400.00,\n"
    upload(maker, text.encode())
    line = StatementLine.objects.get()
    for bad in (10**9, "abc", -1, None):
        answer = post(
            client_for(maker), f"/api/v1/statement-lines/{line.pk}/assign/", {"loan": bad}
        )
        _problem(answer, 400, "validation_error")
    line.refresh_from_db()
    assert line.status == LineStatus.QUEUED


# --- statement files -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content, words",
    [
        (b"Date,Amount,Who\n01/01/2026,100.00,X\n", "no column for"),
        ("Txn Date,Description,Credit\n01/01/2026,UPI/Ravi,₹100\n".encode("utf-16"), "UTF-8"),
        (b"Txn Date,Description,Credit\n01/01/2026,caf\xe9 NEFT,100.00\n", "UTF-8"),
        (HEADER.encode() + f"{DAY},{DAY},NEFT/X,R1,,12.345,\n".encode(), "amount"),
        (HEADER.encode() + f"{DAY},{DAY},NEFT/X,R1,,-5.00,\n".encode(), "amount"),
        (HEADER.encode() + f"{DAY},{DAY},NEFT/X,R1,,NaN,\n".encode(), "amount"),
        (HEADER.encode() + f"{DAY},{DAY},NEFT/X,R1,,1e3,\n".encode(), "Line 2: '1e3'"),
        (HEADER.encode() + f"{DAY},{DAY},NEFT/X,R1,,1E3,\n".encode(), "Line 2: '1E3'"),
        (HEADER.encode() + f"{DAY},{DAY},NEFT/X,R1,,Infinity,\n".encode(), "Infinity"),
        (HEADER.encode() + f"{DAY},{DAY},NEFT/X,R1,,0x10,\n".encode(), "0x10"),
        (HEADER.encode() + f"{DAY},{DAY},NEFT/X,R1,,+5.00,\n".encode(), "+5.00"),
        (HEADER.encode() + f"{DAY},{DAY},NEFT/X,R1,,1 000.00,\n".encode(), "1 000.00"),
        (
            HEADER.encode() + f"{DAY},{DAY},NEFT/X,R1,,\uff11\uff10\uff10\uff10,\n".encode(),
            "not an amount",
        ),
        (HEADER.encode() + f'{DAY},{DAY},NEFT/X,R1,,"1,0000.00",\n'.encode(), "1,0000.00"),
        (HEADER.encode() + b"31/02/2026,,NEFT/X,R1,,5.00,\n", "not a date"),
        (HEADER.encode() + f"{DAY},{DAY},NEFT/X,R1,5.00,5.00,\n".encode(), "not both"),
        (b"\x00\x01\x02binary\xff\xfe", ""),
        (b"", ""),
    ],
)
def test_a_bad_statement_is_refused_whole_and_keeps_nothing(loan, content, words):
    body = _problem(upload(staff(FINANCE), content), 400, "validation_error")
    assert words in body["detail"]
    assert not StatementImport.objects.exists() and not StatementLine.objects.exists()
    assert not Payment.objects.exists()


def test_indian_grouping_and_duplicate_lines_post_once(loan):
    account = loan.virtual_account.account_number
    row = f'{DAY},{DAY},NEFT/UTIB0000000000000001/{account},UTIB0000000000000001,,"1,00,000.00",\n'
    answer = upload(staff(FINANCE), (HEADER + row + row).encode())
    assert answer.status_code == 201, answer.content
    assert (answer.json()["posted"], answer.json()["duplicates"]) == (1, 1)
    payment = Payment.objects.get()
    assert payment.amount == Decimal("100000.00")


def test_a_lowercase_utr_is_the_same_credit_as_its_uppercase(loan):
    account = loan.virtual_account.account_number
    upper = f"{DAY},{DAY},NEFT/UTIB0000000000000001/{account},UTIB0000000000000001,,900.00,\n"
    lower = f"{DAY},{DAY},neft/utib0000000000000001/{account},utib0000000000000001,,900.00,\n"
    upload(staff(FINANCE), (HEADER + upper).encode())
    answer = upload(staff(FINANCE), (HEADER + lower).encode())
    assert (answer.json()["posted"], answer.json()["duplicates"]) == (0, 1)
    assert Payment.objects.count() == 1


def test_a_collector_cannot_upload_a_statement(loan):
    text = HEADER + f"{DAY},{DAY},NEFT/X,R1,,5.00,\n"
    _problem(upload(staff(COLLECTOR), text.encode()), 403, "permission_denied")
    assert not StatementImport.objects.exists()


# --- credit notifications ---------------------------------------------------------------------


def test_forged_and_replayed_credits_are_refused_and_write_nothing(client, loan):
    body = credit(loan)
    forged = {**sandbox_credit_sign(body), "X-Lendingsite-Signature": "ab" * 32}
    _problem(deliver(client, body, forged), 401, "not_authenticated")
    # A genuine delivery captured yesterday and sent again today: its stamp is stale.
    stale = sandbox_credit_sign(body, timestamp=int(datetime.now(UTC).timestamp()) - 86400)
    _problem(deliver(client, body, stale), 401, "not_authenticated")
    # The signature of one body does not carry another.
    richer = credit(loan, amount="150000.00")
    _problem(deliver(client, richer, sandbox_credit_sign(body)), 401, "not_authenticated")
    unsigned = {"Content-Type": "application/json"}
    _problem(deliver(client, body, unsigned), 401, "not_authenticated")
    assert not Payment.objects.exists()
    reasons = set(
        AuditEvent.objects.filter(action="webhook.rejected").values_list("after__reason", flat=True)
    )
    assert reasons == {"bad_signature", "stale_timestamp", "missing_signature"}


def test_a_replayed_genuine_credit_is_a_duplicate_not_a_second_payment(client, loan):
    body = credit(loan)
    assert deliver(client, body, sandbox_credit_sign(body)).status_code == 201
    again = deliver(client, body, sandbox_credit_sign(body))
    assert (again.status_code, again.json()["status"]) == (200, "duplicate")
    assert Payment.objects.count() == 1


@pytest.mark.parametrize(
    "amount",
    # Not an amount written as plain digits with at most 2 decimals (lendingsite.money):
    # an exponent would be read as ₹1,000.00, the rest as nothing sensible.
    [
        *("1e3", "1E3", "NaN", "Infinity", "0x10", "\uff11\uff10\uff10\uff10", "+1500.00"),
        *("1 500.00", " 1500.00", "abc", "1,500.00", "0.001", "1500.000", "99999999999999999.00"),
        "",
    ],
)
def test_a_signed_credit_with_a_badly_written_amount_is_refused_and_writes_nothing(
    client, loan, amount
):
    body = credit(loan, amount=amount)
    body_problem = _problem(deliver(client, body), 400, "validation_error")
    assert "amount" in body_problem["errors"]
    assert not Payment.objects.exists()
    refused = AuditEvent.objects.get(action="webhook.refused")
    assert refused.after["code"] == "validation_error"


@pytest.mark.parametrize("amount", ["-1.00", "0", "0.00"])
def test_a_signed_credit_of_no_money_is_out_of_range(client, loan, amount):
    _problem(deliver(client, credit(loan, amount=amount)), 422, "amount_out_of_range")
    assert not Payment.objects.exists()


def _with_json_amount(body: bytes, amount) -> bytes:
    return json.dumps({**json.loads(body), "amount": amount}).encode()


@pytest.mark.parametrize("amount", [1500.5, 1e3, True, None, ["1500"]])
def test_a_signed_credit_whose_amount_is_not_a_string_or_integer_is_refused(client, loan, amount):
    body = _with_json_amount(credit(loan), amount)
    assert "amount" in _problem(deliver(client, body), 400, "validation_error")["errors"]
    assert not Payment.objects.exists()


def test_a_signed_credit_as_a_json_integer_is_rupees(client, loan):
    answer = deliver(client, _with_json_amount(credit(loan), 1500))
    assert answer.status_code == 201, answer.content
    assert Payment.objects.get().amount == Decimal("1500.00")


def test_a_credit_that_is_not_utf8_or_json_is_a_validation_error(client, loan):
    for body in (b"\xff\xfe{}", b"not json", b"[1,2]"):
        answer = deliver(client, body, sandbox_credit_sign(body))
        _problem(answer, 400, "validation_error")
    assert not Payment.objects.exists()
