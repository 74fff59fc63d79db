"""SWIFT MT940 statements: the parser field by field (reconciliation.mt940), and the import
of an MT940 file through the same pipeline as the CSV (matching, posting, idempotency,
refusals that keep nothing)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import AuditEvent
from accounts.roles import FINANCE
from accounts.tests.factories import staff
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.tests.factories import active_loan
from reconciliation import mt940, rules
from reconciliation.models import (
    LineStatus,
    MatchKind,
    StatementFormat,
    StatementImport,
    StatementLine,
)
from reconciliation.services.statements import statement_import
from repayments.models import Payment


def _yymmdd(day: date) -> str:
    return day.strftime("%y%m%d")


def _statement(*, va: str, loan_ref: str, day: date, eol: str = "\n") -> str:
    """Two statements of one account: the first with a virtual-account credit (UTR in
    :86:, over two lines), a loan-reference credit (RRN as the customer reference), a
    debit, an RD and an RC; the second continuing from the first's closing balance."""
    d, e = _yymmdd(day), day.strftime("%m%d")
    lines = [
        ":20:STMT0001",
        ":25:HDFC0000001/50200012345678",
        ":28C:00123/001",
        f":60F:C{d}INR100000,00",
        f":61:{d}{e}C1500,00NTRFNONREF//HDFC00000001",
        ":86:NEFT/SBIN0000000000000001/RAVI KUMAR/",
        f"{va} EMI",
        f":61:{d}{e}CR2000,5NTRF412345678901//HDFC00000002",
        f":86:UPI/412345678901/{loan_ref}",
        f":61:{d}D50,00NCHGNONREF",
        ":86:SMS CHARGES",
        f":61:{d}RD300,00NTRFNONREF//HDFC00000003",
        "RETURNED TRANSFER",
        ":86:RETURN OF PAYOUT 77",
        f":61:{d}RC100,00NTRFNONREF//HDFC00000004",
        ":86:RETURN OF INWARD",
        f":62F:C{d}INR103650,50",
        f":64:C{d}INR103650,50",
        "-",
        ":20:STMT0002",
        ":25:HDFC0000001/50200012345678",
        ":28C:00124/001",
        f":60F:C{d}INR103650,50",
        f":61:{d}C700,NMSCNONREF",
        ":86:CASH DEPOSIT NO REFERENCE",
        f":62F:C{d}INR104350,50",
        "-",
    ]
    return eol.join(lines) + eol


def _file(text: str, name: str = "stmt.sta") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="application/octet-stream")


def test_the_parser_reads_every_field():
    day = date(2026, 12, 1)
    va = rules.sandbox_account_number(7)
    first, second = mt940.statements_parse(
        _statement(va=va, loan_ref="LN00000008", day=day, eol="\r\n").splitlines(keepends=True)
    )
    assert (first.reference, first.account, first.number, first.line_no) == (
        "STMT0001",
        "HDFC0000001/50200012345678",
        "00123/001",
        1,
    )
    assert first.opening == mt940.Balance("C", day, "INR", Decimal("100000.00"))
    assert first.closing == mt940.Balance("C", day, "INR", Decimal("103650.50"))
    assert first.available == first.closing
    va_credit, rrn_credit, debit, rd, rc = first.lines
    assert (
        va_credit.line_no,
        va_credit.value_date,
        va_credit.entry_date,
        va_credit.mark,
        va_credit.funds_code,
        va_credit.amount,
        va_credit.type_code,
        va_credit.customer_reference,
        va_credit.bank_reference,
        va_credit.information,
        va_credit.balance_after,
    ) == (
        5,
        day,
        day,
        "C",
        "",
        Decimal("1500.00"),
        "NTRF",
        "",
        "HDFC00000001",
        f"NEFT/SBIN0000000000000001/RAVI KUMAR/ {va} EMI",
        Decimal("101500.00"),
    )
    assert (rrn_credit.funds_code, rrn_credit.amount, rrn_credit.customer_reference) == (
        "R",
        Decimal("2000.50"),
        "412345678901",
    )
    assert (debit.mark, debit.entry_date, debit.amount, debit.bank_reference) == (
        "D",
        None,
        Decimal("50.00"),
        "",
    )
    assert (rd.mark, rd.supplementary, rd.information, rd.balance_after) == (
        "RD",
        "RETURNED TRANSFER",
        "RETURN OF PAYOUT 77",
        Decimal("103750.50"),
    )
    assert (rc.mark, rc.signed, rc.balance_after) == (
        "RC",
        Decimal("-100.00"),
        Decimal("103650.50"),
    )
    assert second.reference == "STMT0002" and second.lines[0].amount == Decimal("700.00")


def test_normalised_rows_name_the_utr_account_and_loan():
    day = date(2026, 12, 1)
    va = rules.sandbox_account_number(7)
    (first, _) = mt940.statements_parse(
        _statement(va=va, loan_ref="LN00000008", day=day).splitlines()
    )
    rows = [mt940.line_row(line) for line in first.lines]
    assert (rows[0].reference, rows[0].account_number, rows[0].credit, rows[0].debit) == (
        "SBIN0000000000000001",
        va,
        Decimal("1500.00"),
        Decimal("0.00"),
    )
    assert (rows[1].reference, rows[1].loan_ids, rows[1].note) == ("412345678901", (8,), "")
    assert (rows[2].debit, rows[2].credit, rows[2].note) == (Decimal("50.00"), Decimal("0.00"), "")
    assert (rows[3].credit, rows[3].note) == (Decimal("300.00"), mt940.REVERSED_DEBIT)
    assert (rows[4].debit, rows[4].note) == (Decimal("100.00"), mt940.REVERSED_CREDIT)


def test_entry_date_across_the_new_year():
    (statement,) = mt940.statements_parse(
        [
            ":20:Y",
            ":25:A",
            ":28C:1",
            ":60F:C261231INR0,",
            ":61:2612310102C1,NTRFNONREF",
            ":61:2701021231C1,NTRFNONREF",
            ":62F:C270102INR2,",
        ]
    )
    assert [line.entry_date for line in statement.lines] == [date(2027, 1, 2), date(2026, 12, 31)]


@pytest.mark.parametrize(
    ("broken", "said"),
    [
        (lambda t: t.replace(":20:STMT0002\n", ""), ":20:"),
        (
            lambda t: t.replace("CR2000,5NTRF", "CR2.000,50NTRF"),
            "'2.000,50' is not an MT940 amount",
        ),
        (lambda t: t.replace("D50,00NCHG", "D50.00NCHG"), "'50.00' is not an MT940 amount"),
        # An exponent is not an amount: the "2" is read, and what follows is no type code.
        (lambda t: t.replace("CR2000,5NTRF", "CR2E3,5NTRF"), "Line 8: :61: transaction type"),
        (
            lambda t: t.replace("CR2000,5NTRF", "CR9999999999999,NTRF"),
            "Line 8: :61: amount '9999999999999,' is not an amount (too large)",
        ),
        (lambda t: t.replace("INR104350,50", "INR104350,51"), "not the closing balance 104350.51"),
        (lambda t: t.replace(":28C:00124/001\n", ""), "no :28C:"),
        (lambda t: t.replace("INR100000,00", "USD100000,00"), "only INR"),
        (lambda t: t.replace(":62F:C", ":62X:C", 1), ":62X: is not an MT940 statement field"),
    ],
)
def test_a_broken_file_is_refused_with_its_reason(broken, said):
    text = broken(_statement(va="1", loan_ref="LN00000001", day=date(2026, 12, 1)))
    with pytest.raises(mt940.Mt940Invalid) as refused:
        list(mt940.statements_parse(text.splitlines()))
    assert said in str(refused.value)


def test_format_is_told_from_the_first_bytes():
    assert mt940.looks_like_mt940("\ufeff:20:STMT\r\n:25:X")
    assert mt940.looks_like_mt940("{1:F01HDFCINBBAXXX0000000000}{2:O940}{4:\n:20:X")
    assert not mt940.looks_like_mt940("Txn Date,Value Date,Description")


# --- the import ----------------------------------------------------------------------------


@pytest.fixture
def book():
    start = today_ist() - timedelta(days=20)
    return active_loan(disbursed_on=start), active_loan(disbursed_on=start)


@pytest.mark.django_db
def test_an_mt940_file_is_matched_posted_and_never_posted_twice(book):
    a, b = book
    day = today_ist() - timedelta(days=2)
    va = a.virtual_account.account_number
    text = _statement(va=va, loan_ref=rules.loan_reference(b.pk), day=day, eol="\r\n")
    user = staff(FINANCE)
    first = statement_import(acting_user=user, file=_file(text), file_name="stmt.sta")
    assert first.file_format == StatementFormat.MT940
    assert (first.lines, first.credits, first.posted, first.queued, first.duplicates) == (
        6,
        4,
        2,
        2,
        0,
    )
    by_no = {line.line_no: line for line in StatementLine.objects.filter(statement=first)}
    assert (
        by_no[5].status,
        by_no[5].loan,
        by_no[5].match_kind,
        by_no[5].utr,
        by_no[5].credit,
        by_no[5].value_date,
        by_no[5].balance,
    ) == (
        LineStatus.POSTED,
        a,
        MatchKind.VIRTUAL_ACCOUNT,
        "SBIN0000000000000001",
        Decimal("1500.00"),
        day,
        Decimal("101500.00"),
    )
    assert (by_no[8].status, by_no[8].loan, by_no[8].match_kind, by_no[8].utr) == (
        LineStatus.POSTED,
        b,
        MatchKind.LOAN_REFERENCE,
        "412345678901",
    )
    assert Payment.objects.get(utr_canonical="412345678901").amount == Decimal("2000.50")
    assert (by_no[10].status, by_no[10].reason) == (LineStatus.DEBIT, rules.DEBIT_NOTE)
    assert (by_no[12].status, by_no[12].reason) == (LineStatus.QUEUED, mt940.REVERSED_DEBIT)
    assert (by_no[15].status, by_no[15].reason) == (LineStatus.DEBIT, mt940.REVERSED_CREDIT)
    assert by_no[24].status == LineStatus.QUEUED and "No virtual account" in by_no[24].reason
    assert by_no[24].utr.startswith("STMT-")
    payments = Payment.objects.count()

    again = statement_import(acting_user=user, file=_file(text), file_name="again.sta")
    assert (again.posted, again.queued, again.duplicates) == (0, 0, 4)
    assert Payment.objects.count() == payments


@pytest.mark.django_db
def test_the_same_lines_in_an_overlapping_statement_post_nothing_again(book):
    a, _ = book
    day = today_ist() - timedelta(days=2)
    d = _yymmdd(day)
    va = a.virtual_account.account_number
    credit = [f":61:{d}C900,00NTRFNONREF", f":86:IMPS TRANSFER {va}"]
    one = [":20:S1", ":25:ACC", ":28C:1", f":60F:C{d}INR1000,00", *credit, f":62F:C{d}INR1900,00"]
    # The next day's statement repeats the line (same balance before it) and adds one.
    two = [":20:S2", ":25:ACC", ":28C:2", f":60F:C{d}INR1000,00", *credit, *credit]
    two += [f":62F:C{d}INR2800,00"]
    user = staff(FINANCE)
    statement_import(acting_user=user, file=_file("\n".join(one)), file_name="1.sta")
    assert Payment.objects.filter(loan=a).count() == 1
    overlap = statement_import(acting_user=user, file=_file("\n".join(two)), file_name="2.sta")
    assert (overlap.duplicates, overlap.posted) == (1, 1)
    assert Payment.objects.filter(loan=a).count() == 2


@pytest.mark.django_db
def test_a_refused_mt940_file_keeps_nothing(book):
    day = today_ist() - timedelta(days=2)
    text = _statement(va="1", loan_ref="LN00000001", day=day).replace(
        "INR104350,50", "INR104350,00"
    )
    with pytest.raises(DomainError) as refused:
        statement_import(acting_user=staff(FINANCE), file=_file(text), file_name="bad.sta")
    assert refused.value.code == "validation_error"
    assert "Statement STMT0002 (line 20)" in refused.value.detail
    assert not StatementImport.objects.exists() and not StatementLine.objects.exists()
    assert not Payment.objects.exists()
    assert AuditEvent.objects.filter(action="statement.import_refused").exists()


@pytest.mark.django_db
def test_the_chosen_format_wins_over_the_guess(book):
    text = _statement(va="1", loan_ref="LN00000001", day=today_ist())
    with pytest.raises(DomainError) as refused:
        statement_import(
            acting_user=staff(FINANCE), file=_file(text), file_name="x", file_format="csv"
        )
    assert "no column for" in refused.value.detail
    with pytest.raises(DomainError) as unknown:
        statement_import(
            acting_user=staff(FINANCE), file=_file(text), file_name="x", file_format="bai2"
        )
    assert unknown.value.errors == {"file_format": ["unknown"]}
