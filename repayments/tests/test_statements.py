"""Loan statements: rows and running balance, reconciliation with the loan's own figures,
CSV and PDF output, and the download endpoint."""

import csv
import io
import re
import zlib
from datetime import date
from decimal import Decimal

import pytest
from django.db.models import F, Sum
from rest_framework.test import APIClient

from accounts.roles import COLLECTOR, FINANCE, LOAN_OFFICER
from accounts.tests.factories import borrower, staff
from loans.models import Loan, LoanStatus
from loans.tests.factories import active_loan
from repayments import statements
from repayments.selectors import credit_balance, foreclosure_quote
from repayments.services.payments import charge_levy, credit_refund, payment_post, payment_reverse
from repayments.statements import statement_build, statement_csv, statement_pdf

pytestmark = pytest.mark.django_db

D0 = date(2026, 1, 15)
AS_OF = date(2026, 5, 20)
C = Decimal("0.01")


def _pay(loan, user, amount, on, utr, channel="upi"):
    return payment_post(
        acting_user=user,
        loan=loan,
        amount=amount,
        paid_on=on,
        channel=channel,
        utr=utr,
        business_date=on,
    )


@pytest.fixture
def history():
    """₹1,00,000 at 14% for 6 months from 15 Jan 2026: a partial payment, a payment that
    clears two installments, a cheque that bounced, and a penal charge."""
    loan = active_loan(disbursed_on=D0, amount=Decimal("100000.00"), tenure=6)
    poster, checker = staff(FINANCE), staff(FINANCE)
    first = loan.installments.order_by("number").first()
    emi = first.principal_due + first.interest_due
    p1 = _pay(loan, poster, Decimal("5000.00"), date(2026, 2, 15), "UTR-P1")
    p2 = _pay(loan, poster, emi * 2 - Decimal("5000.00"), date(2026, 3, 15), "UTR-P2")
    p3 = _pay(loan, poster, emi, date(2026, 4, 15), "CHQ-000003", channel="cheque")
    payment_reverse(
        acting_user=checker, payment=p3, reason="Cheque bounced", business_date=date(2026, 4, 18)
    )
    third = loan.installments.get(number=3)
    charge_levy(
        loan=loan,
        installment=third,
        kind="penal",
        amount=Decimal("500.00"),
        charged_on=date(2026, 4, 20),
        reason="Installment 3 overdue",
    )
    loan = Loan.objects.get(pk=loan.pk)
    return {"loan": loan, "emi": emi, "payments": (p1, p2, p3), "borrower": loan.borrower}


def _owed(loan, as_of):
    """What the loan's own figures say is owed on `as_of`: principal outstanding + interest
    due and unpaid + charges unpaid - the borrower's credit."""
    due = loan.installments.filter(due_date__lte=as_of).aggregate(
        interest=Sum(F("interest_due") - F("interest_paid")),
    )
    charges = loan.installments.aggregate(
        c=Sum(F("penal_due") + F("fees_due") - F("penal_paid") - F("fees_paid"))
    )
    return (
        loan.principal_outstanding
        + (due["interest"] or 0)
        + (charges["c"] or 0)
        - credit_balance(loan)
    )


def test_rows_and_running_balance(history):
    loan, emi = history["loan"], history["emi"]
    interest = {i.number: i.interest_due for i in loan.installments.all()}
    assert interest[1] == Decimal("1166.67")  # 1,00,000 x 14% / 12, the first month

    statement = statement_build(loan, as_of=AS_OF)

    expected = [
        (D0, "disbursement", Decimal("100000.00")),
        (date(2026, 2, 15), "interest", interest[1]),
        (date(2026, 2, 15), "payment", Decimal("-5000.00")),
        (date(2026, 3, 15), "interest", interest[2]),
        (date(2026, 3, 15), "payment", -(emi * 2 - Decimal("5000.00"))),
        (date(2026, 4, 15), "interest", interest[3]),
        (date(2026, 4, 15), "payment", -emi),
        (date(2026, 4, 18), "reversal", emi),
        (date(2026, 4, 20), "charge", Decimal("500.00")),
        (date(2026, 5, 15), "interest", interest[4]),
    ]
    assert [(r.on, r.kind, r.amount) for r in statement.rows] == expected
    running = Decimal("0.00")
    for row in statement.rows:
        running += row.amount
        assert row.balance == running
    # After the disbursement and the first month's interest, less the partial payment:
    assert statement.rows[2].balance == Decimal("96166.67")
    # The partial payment went to interest first, the rest to principal.
    p1_row = statement.rows[2]
    assert (p1_row.interest, p1_row.principal, p1_row.charges, p1_row.excess) == (
        Decimal("1166.67"),
        Decimal("3833.33"),
        Decimal("0.00"),
        Decimal("0.00"),
    )
    bounced = statement.rows[6]
    assert "reversed later" in bounced.description and bounced.principal is None
    assert statement.rows[7].description == "Payment of 15 Apr 2026 reversed: Cheque bounced"
    assert "processing fee" in statement.rows[0].description
    assert statement.closing_balance == (
        Decimal("100000.00") + sum(interest[n] for n in (1, 2, 3, 4)) + Decimal("500.00") - 2 * emi
    )


def test_closing_balance_reconciles_with_the_loan(history):
    loan = history["loan"]
    assert statement_build(loan, as_of=AS_OF).closing_balance == _owed(loan, AS_OF)
    # The statement is limited to its date: nothing after it shows.
    early = statement_build(loan, as_of=date(2026, 3, 14))
    assert [r.kind for r in early.rows] == ["disbursement", "interest", "payment"]
    assert early.period_start == D0 and early.period_end == date(2026, 3, 14)


def test_foreclosure_overpayment_and_refund_reconcile():
    loan = active_loan(disbursed_on=D0, amount=Decimal("50000.00"), tenure=6)
    poster = staff(FINANCE)
    first = loan.installments.order_by("number").first()
    _pay(loan, poster, first.principal_due + first.interest_due, date(2026, 2, 15), "UTR-F1")
    close_on = date(2026, 3, 1)
    quote = foreclosure_quote(loan, as_of=close_on)
    _pay(loan, poster, quote.total + Decimal("250.00"), close_on, "UTR-F2")
    loan = Loan.objects.get(pk=loan.pk)
    assert loan.status == LoanStatus.FORECLOSED
    assert credit_balance(loan) == Decimal("250.00")

    before_refund = statement_build(loan, as_of=date(2026, 3, 2))
    assert before_refund.closing_balance == Decimal("-250.00")  # we owe the borrower
    assert before_refund.closing_balance == _owed(loan, date(2026, 3, 2))
    accrued = [r for r in before_refund.rows if r.kind == "interest" and r.on == close_on]
    assert sum(r.amount for r in accrued) == quote.interest

    credit_refund(
        acting_user=staff(FINANCE),
        loan=loan,
        amount=Decimal("250.00"),
        reference="NEFT-REFUND-1",
        refunded_on=date(2026, 3, 3),
    )
    # Months later: a closed loan demands no more interest, and it is square.
    later = statement_build(loan, as_of=date(2026, 8, 31))
    assert later.rows[-1].kind == "refund"
    assert later.closing_balance == Decimal("0.00")
    assert max(r.on for r in later.rows if r.kind == "interest") == close_on


def test_cooling_off_exit_shows_its_interest_payment_and_refund():
    from repayments.tests.factories import open_exit

    loan = active_loan(disbursed_on=D0, amount=Decimal("50000.00"), tenure=6)
    request = open_exit(loan, on=date(2026, 1, 16))
    # The request's amount covers interest to its pay-by date (19 Jan, 4 days: 76.71);
    # the borrower pays it on 17 Jan, so 2 days' interest is due and the rest is credit.
    assert (request.pay_by, request.amount) == (date(2026, 1, 19), Decimal("50076.71"))
    on = date(2026, 1, 17)
    _pay(loan, staff(FINANCE), request.amount, on, "NEFT-COOL-1")
    loan = Loan.objects.get(pk=loan.pk)
    assert loan.status == LoanStatus.CANCELLED
    credit_refund(
        acting_user=staff(FINANCE),
        loan=loan,
        amount=Decimal("38.35"),
        reference="NEFT-BACK-1",
        refunded_on=date(2026, 1, 20),
    )

    statement = statement_build(loan, as_of=date(2026, 6, 30))
    assert [(r.on, r.kind, r.amount, r.description) for r in statement.rows] == [
        (D0, "disbursement", Decimal("50000.00"), statement.rows[0].description),
        (
            on,
            "interest",
            Decimal("38.36"),
            "Interest for the 2 days you had the money (cooling-off)",
        ),
        (
            on,
            "payment",
            Decimal("-50076.71"),
            "Payment by UPI: the loan is cancelled within the cooling-off period",
        ),
        (date(2026, 1, 20), "refund", Decimal("38.35"), "Credit balance refunded to you"),
    ]
    payment = statement.rows[2]
    assert (payment.principal, payment.interest, payment.excess) == (
        Decimal("50000.00"),
        Decimal("38.36"),  # 50,000 x 14% x 2/365
        Decimal("38.35"),
    )
    assert payment.reference == "NEFT-COOL-1"
    assert [r.balance for r in statement.rows] == [
        Decimal("50000.00"),
        Decimal("50038.36"),
        Decimal("-38.35"),
        Decimal("0.00"),
    ]
    assert credit_balance(loan) == Decimal("0.00")


def test_csv_has_a_header_and_plain_two_decimal_amounts(history):
    data = statement_csv(history["loan"], as_of=AS_OF)
    rows = list(csv.reader(io.StringIO(data.decode())))
    assert rows[0] == statements.CSV_HEADER
    body = rows[1:]
    statement = statement_build(history["loan"], as_of=AS_OF)
    assert len(body) == len(statement.rows)
    assert body[0][:2] == ["2026-01-15", "disbursement"]
    assert body[0][4] == "100000.00" and body[0][9] == "100000.00"
    assert body[2] == [
        "2026-02-15",
        "payment",
        "Payment by UPI",
        "UTR-P1",
        "-5000.00",
        "3833.33",
        "1166.67",
        "0.00",
        "0.00",
        "96166.67",
    ]
    for line in body:
        for cell in (line[4], line[9]):
            assert re.fullmatch(r"-?\d+\.\d{2}", cell), cell
    assert body[-1][9] == f"{statement.closing_balance:.2f}"


def test_csv_neutralises_formulas_in_typed_text():
    loan = active_loan(disbursed_on=D0, amount=Decimal("50000.00"), tenure=6)
    _pay(loan, staff(FINANCE), Decimal("100.00"), date(2026, 2, 15), "=HYPERLINK(1)")
    rows = list(csv.reader(io.StringIO(statement_csv(loan, as_of=AS_OF).decode())))
    payment = next(r for r in rows if r[1] == "payment")
    assert payment[3] == "'=HYPERLINK(1)"


# --- PDF --------------------------------------------------------------------------------


def _pdf_text(data: bytes) -> str:
    """The text drawn on the pages, decoded through each font's ToUnicode map (DejaVu text
    is written as glyph codes, not characters)."""
    objects = dict(re.findall(rb"(\d+) 0 obj(.*?)endobj", data, re.S))

    def stream(body: bytes) -> bytes:
        raw = re.search(rb"stream\r?\n(.*?)\r?\nendstream", body, re.S).group(1)
        return zlib.decompress(raw) if b"/FlateDecode" in body else raw

    cmaps = {}
    for oid, body in objects.items():
        ref = re.search(rb"/ToUnicode (\d+) 0 R", body)
        if ref:
            pairs = re.findall(rb"<([0-9A-F]{4})> <([0-9A-F]{4,8})>", stream(objects[ref.group(1)]))
            cmaps[oid] = {int(a, 16): chr(int(b, 16)) for a, b in pairs}
    fonts = {}
    for body in objects.values():
        for name, oid in re.findall(rb"/(F\d+) (\d+) 0 R", body):
            fonts[name] = cmaps.get(oid)
    out, font = [], None
    token = re.compile(rb"/(F\d+) [\d.]+ Tf|\(((?:\\.|[^\\)])*)\) ?Tj", re.S)
    for oid, body in objects.items():
        if b"stream" not in body or oid in cmaps or b"/ToUnicode" in body:
            continue
        try:
            content = stream(body)
        except zlib.error:
            continue
        for match in token.finditer(content):
            if match.group(1):
                font = fonts.get(match.group(1))
                continue
            raw = re.sub(
                rb"\\([nrtbf()\\]|[0-7]{1,3})",
                lambda m: {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"b": b"\b", b"f": b"\f"}.get(
                    m.group(1), bytes([int(m.group(1), 8)]) if m.group(1).isdigit() else m.group(1)
                ),
                match.group(2),
            )
            if font:
                out.append(
                    "".join(
                        font.get(int.from_bytes(raw[i : i + 2]), "?") for i in range(0, len(raw), 2)
                    )
                )
            else:
                out.append(raw.decode("latin-1"))
        out.append("\n")
    return " ".join(out)


def test_pdf_has_title_block_table_and_indian_amounts(history, settings):
    settings.LENDER_NAME = "Shubh Finance Pvt Ltd"
    loan = history["loan"]
    data = statement_pdf(loan, as_of=AS_OF)
    assert data.startswith(b"%PDF-")
    assert statements.unicode_font_available()  # .ci/run installs fonts-dejavu-core
    assert b"DejaVuSans" in data
    text = _pdf_text(data)
    assert "Shubh Finance Pvt Ltd" in text
    assert f"Loan statement — loan #{loan.pk}" in text
    assert loan.borrower.full_name in text
    assert loan.product.name in text
    assert "15 Jan 2026 to 20 May 2026" in text
    assert "₹1,00,000.00" in text  # lakh grouping with the rupee sign
    assert "₹96,166.67" in text
    assert "Cheque bounced" in text
    closing = statement_build(loan, as_of=AS_OF).closing_balance
    from lendingsite.money import format_inr

    assert format_inr(closing) in text


def test_pdf_falls_back_to_rs_without_a_unicode_font(history, monkeypatch):
    monkeypatch.setattr(statements, "unicode_font_available", lambda: False)
    loan = history["loan"]
    data = statement_pdf(loan, as_of=AS_OF, compress=False)
    assert data.startswith(b"%PDF-")
    assert b"DejaVu" not in data
    assert f"loan #{loan.pk}".encode() in data
    assert b"Rs.1,00,000.00" in data
    assert "₹".encode() not in data


def test_pdf_of_a_long_history_spans_pages():
    loan = active_loan(disbursed_on=D0, amount=Decimal("500000.00"), tenure=60)
    poster = staff(FINANCE)
    for n in range(40):
        day = date(2026, 2, 1 + n % 27)
        _pay(loan, poster, Decimal("100.00") + n, day, f"UTR-MANY-{n}")
    data = statement_pdf(loan, as_of=date(2026, 3, 1))
    assert data.count(b"/Type /Page\n") >= 2
    assert "Date" in _pdf_text(data)


# --- The endpoint -------------------------------------------------------------------------


def _url(loan, fmt=None):
    url = f"/api/v1/loans/{loan.pk}/statement/"
    return url if fmt is None else f"{url}?format={fmt}"


def test_owner_downloads_csv_by_default(history):
    client = APIClient()
    client.force_authenticate(history["borrower"])
    response = client.get(_url(history["loan"]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="loan-{history["loan"].pk}-statement.csv"'
    )
    assert response["Cache-Control"] == "private, no-store"
    lines = response.content.decode().splitlines()
    assert lines[0] == ",".join(statements.CSV_HEADER)
    assert lines[1].startswith("2026-01-15,disbursement,")


def test_staff_downloads_pdf(history):
    client = APIClient()
    client.force_authenticate(staff(LOAN_OFFICER))
    response = client.get(_url(history["loan"], "pdf"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="loan-{history["loan"].pk}-statement.pdf"'
    )
    assert response.content.startswith(b"%PDF-")


def test_bad_format_is_a_400_problem(history):
    client = APIClient()
    client.force_authenticate(history["borrower"])
    response = client.get(_url(history["loan"], "xlsx"))
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "validation_error"
    assert response.json()["errors"] == {"format": ["must be csv or pdf"]}


def test_other_borrowers_and_collectors_get_404_and_anonymous_401(history):
    for user in (borrower(), staff(COLLECTOR)):
        client = APIClient()
        client.force_authenticate(user)
        response = client.get(_url(history["loan"], "csv"))
        assert response.status_code == 404
        assert response.json()["code"] == "not_found"
    response = APIClient().get(_url(history["loan"]))
    assert response.status_code == 401


def test_statement_queries_do_not_grow_with_payments(django_assert_max_num_queries):
    loan = active_loan(disbursed_on=D0, amount=Decimal("500000.00"), tenure=60)
    poster = staff(FINANCE)
    for n in range(30):
        _pay(loan, poster, Decimal("50.00"), date(2026, 2, 1 + n % 27), f"UTR-Q-{n}")
    owner = loan.borrower
    client = APIClient()
    client.force_authenticate(owner)
    # 11: one is the loan's settlements (agreed, broken or paid: statement_servicing).
    with django_assert_max_num_queries(11):
        response = client.get(_url(loan, "csv"))
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert sum(1 for r in rows if r[1] == "payment") == 30
    with django_assert_max_num_queries(11):
        pdf = client.get(_url(loan, "pdf"))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF-")
