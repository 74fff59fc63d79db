"""Statement import (set-based matching, idempotent posting, the queue), maker-checker on
manual matches, and virtual-account credit notifications."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.models import AuditEvent
from accounts.roles import FINANCE, LOAN_OFFICER
from accounts.tests.factories import staff
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.tests.factories import active_loan
from reconciliation import rules
from reconciliation.models import LineStatus, MatchKind, StatementLine, VirtualAccount
from reconciliation.services.queue import (
    statement_line_approve,
    statement_line_assign,
    statement_line_refund_mark,
)
from reconciliation.services.statements import statement_import
from repayments.models import Payment
from repayments.tests.factories import post_payment

pytestmark = pytest.mark.django_db
HEADER = "Txn Date,Value Date,Description,Ref No./Cheque No.,Debit,Credit,Balance\n"


def _csv(rows: list[str]) -> SimpleUploadedFile:
    return SimpleUploadedFile(
        "stmt.csv", (HEADER + "\n".join(rows) + "\n").encode(), content_type="text/csv"
    )


def _day(days_ago: int) -> str:
    return (today_ist() - timedelta(days=days_ago)).strftime("%d/%m/%Y")


@pytest.fixture
def book():
    start = today_ist() - timedelta(days=20)
    return (
        active_loan(disbursed_on=start),
        active_loan(disbursed_on=start),
        active_loan(disbursed_on=start),
    )


def test_every_loan_gets_its_virtual_account_when_opened(book):
    for loan in book:
        account = VirtualAccount.objects.get(loan=loan)
        assert account.account_number == rules.sandbox_account_number(loan.pk)
        assert rules.luhn_valid(account.account_number)
        assert account.vpa == f"ls{account.account_number}@sbox"


def test_import_posts_each_matched_credit_once_even_when_loaded_twice(book):
    a, b, c = book
    va_a = a.virtual_account.account_number
    rows = [
        f"{_day(3)},{_day(3)},NEFT/SBIN0000000000000001/RAVI/{va_a},SBIN0000000000000001,,1500.00,101500.00",
        f"{_day(3)},{_day(3)},UPI/412345678901/REPAY {rules.loan_reference(b.pk)},412345678901,,2000.00,103500.00",
        f"{_day(2)},{_day(2)},NEFT/HDFC0000000000000009/UNKNOWN PAYER,HDFC0000000000000009,,999.00,104499.00",
        f"{_day(2)},{_day(2)},NEFT/ICIC0000000000000007/{va_a} {rules.loan_reference(c.pk)},ICIC0000000000000007,,700.00,105199.00",
        f"{_day(1)},{_day(1)},CHARGES,,50.00,,105149.00",
    ]
    user = staff(FINANCE)
    first = statement_import(acting_user=user, file=_csv(rows), file_name="stmt.csv")
    assert (first.lines, first.credits, first.posted, first.queued, first.duplicates) == (
        5,
        4,
        2,
        2,
        0,
    )
    by_no = {line.line_no: line for line in StatementLine.objects.filter(statement=first)}
    assert (
        by_no[2].status == LineStatus.POSTED
        and by_no[2].loan == a
        and by_no[2].match_kind == MatchKind.VIRTUAL_ACCOUNT
    )
    assert (
        by_no[3].status == LineStatus.POSTED
        and by_no[3].loan == b
        and by_no[3].match_kind == MatchKind.LOAN_REFERENCE
    )
    assert by_no[4].status == LineStatus.QUEUED and "No virtual account" in by_no[4].reason
    assert by_no[5].status == LineStatus.QUEUED and "Ambiguous" in by_no[5].reason
    assert (by_no[6].status, by_no[6].reason) == (LineStatus.DEBIT, rules.DEBIT_NOTE)
    assert Payment.objects.get(utr_canonical="SBIN0000000000000001").amount == Decimal("1500.00")
    assert Payment.objects.filter(loan=b, utr_canonical="412345678901").count() == 1
    payments = Payment.objects.count()

    second = statement_import(acting_user=user, file=_csv(rows), file_name="stmt.csv")
    assert (second.posted, second.queued, second.duplicates) == (0, 0, 4)
    assert Payment.objects.count() == payments
    dupes = StatementLine.objects.filter(statement=second, line_no=2).get()
    assert dupes.status == LineStatus.DUPLICATE and dupes.payment == by_no[2].payment
    assert AuditEvent.objects.filter(action="statement.imported").count() == 2


def test_a_credit_already_posted_by_hand_is_recognised_by_its_utr(book):
    a, _, _ = book
    payment = post_payment(
        a,
        amount=Decimal("800.00"),
        paid_on=today_ist() - timedelta(days=1),
        utr="sbin 0000 0000 0000 0042",
    )
    rows = [f"{_day(1)},{_day(1)},NEFT/RAVI,SBIN0000000000000042,,800.00,1000.00"]
    imported = statement_import(acting_user=staff(FINANCE), file=_csv(rows), file_name="s.csv")
    line = StatementLine.objects.get(statement=imported)
    assert (line.status, line.payment, line.loan) == (LineStatus.DUPLICATE, payment, a)


def test_an_unreadable_row_refuses_the_file_and_keeps_nothing(book):
    rows = [f"{_day(1)},{_day(1)},NEFT,UTR1,,12.3.4,1000.00"]
    with pytest.raises(DomainError) as refused:
        statement_import(acting_user=staff(FINANCE), file=_csv(rows), file_name="s.csv")
    assert refused.value.code == "validation_error" and "Line 2" in refused.value.detail
    assert not StatementLine.objects.exists()
    assert AuditEvent.objects.filter(action="statement.import_refused").exists()


def test_only_finance_imports(book):
    with pytest.raises(DomainError) as refused:
        statement_import(acting_user=staff(LOAN_OFFICER), file=_csv([]), file_name="s.csv")
    assert refused.value.code == "permission_denied"


def _queued_line(book) -> StatementLine:
    rows = [
        f"{_day(1)},{_day(1)},NEFT/AXIS0000000000000003/SOMEONE,AXIS0000000000000003,,1234.00,5000.00"
    ]
    imported = statement_import(acting_user=staff(FINANCE), file=_csv(rows), file_name="s.csv")
    line = StatementLine.objects.get(statement=imported)
    assert line.status == LineStatus.QUEUED
    return line


def test_manual_match_needs_a_second_person(book):
    a, _, _ = book
    line = _queued_line(book)
    maker, checker = staff(FINANCE), staff(FINANCE)
    line = statement_line_assign(acting_user=maker, line=line, loan=a, note="borrower called")
    assert (
        line.status == LineStatus.PROPOSED
        and not Payment.objects.filter(utr_canonical=line.utr).exists()
    )

    with pytest.raises(DomainError) as refused:
        statement_line_approve(acting_user=maker, line=line)
    assert refused.value.code == "maker_checker"
    assert not Payment.objects.filter(utr_canonical=line.utr).exists()
    assert AuditEvent.objects.filter(action="statement_line.approve_refused").exists()

    line = statement_line_approve(acting_user=checker, line=line)
    payment = Payment.objects.get(utr_canonical="AXIS0000000000000003")
    assert (line.status, line.payment, line.match_kind, payment.loan, payment.amount) == (
        LineStatus.POSTED,
        payment,
        MatchKind.MANUAL,
        a,
        Decimal("1234.00"),
    )
    with pytest.raises(DomainError) as again:
        statement_line_approve(acting_user=checker, line=line)
    assert again.value.code == "invalid_state"


def test_refund_takes_the_credit_out_of_the_queue(book):
    line = _queued_line(book)
    user = staff(FINANCE)
    with pytest.raises(DomainError):
        statement_line_refund_mark(acting_user=user, line=line, reason=" ")
    line = statement_line_refund_mark(acting_user=user, line=line, reason="not our borrower")
    assert line.status == LineStatus.REFUND
    with pytest.raises(DomainError) as refused:
        statement_line_assign(acting_user=user, line=line, loan=book[0])
    assert refused.value.code == "invalid_state"
