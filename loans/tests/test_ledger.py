from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import Sum

from accounts.roles import FINANCE
from accounts.tests.factories import staff
from lendingsite.dates import today_ist
from loans import ledger
from loans.ledger import (
    BANK,
    FEE_INCOME,
    GST_PAYABLE,
    INTEREST_INCOME,
    INTEREST_RECEIVABLE,
    LOAN_PORTFOLIO,
    Cr,
    Dr,
    UnbalancedEntry,
    account_balance,
    journal_post,
    journal_reverse,
)
from loans.models import JournalEntry, JournalLine, LedgerAccount, Loan
from loans.tests.factories import active_loan
from repayments.tests.factories import pay_exit

pytestmark = pytest.mark.django_db
D = Decimal


def sides(entry: JournalEntry) -> dict[str, tuple[Decimal, Decimal]]:
    return {ln.account.code: (ln.debit, ln.credit) for ln in entry.lines.select_related("account")}


def assert_balanced(entry: JournalEntry) -> None:
    totals = entry.lines.aggregate(dr=Sum("debit"), cr=Sum("credit"))
    assert totals["dr"] == totals["cr"] and totals["dr"] > 0


def assert_portfolio_matches(loan: Loan) -> None:
    fresh = Loan.objects.get(pk=loan.pk)
    assert fresh.principal_outstanding == account_balance(LOAN_PORTFOLIO, loan=fresh)


def cancel(loan: Loan) -> Loan:
    """A cooling-off exit: asked for, then paid (repayments.services.exits)."""
    pay_exit(loan, on=today_ist(), utr="UTR-BACK")
    return Loan.objects.get(pk=loan.pk)


# --- what the services post -----------------------------------------------------------


def test_disbursement_posts_one_balanced_entry():
    loan = active_loan()
    entry = JournalEntry.objects.get(loan=loan)
    assert entry.kind == "disbursement" and entry.entry_date == loan.disbursed_on
    assert entry.reference == loan.disbursement_reference
    assert_balanced(entry)
    # 2% fee on 1,00,000 = 2,000 + 18% GST = 360; the bank pays out the rest.
    assert sides(entry) == {
        LOAN_PORTFOLIO: (D("100000.00"), D("0.00")),
        BANK: (D("0.00"), D("97640.00")),
        FEE_INCOME: (D("0.00"), D("2000.00")),
        GST_PAYABLE: (D("0.00"), D("360.00")),
    }
    assert account_balance(LOAN_PORTFOLIO, loan=loan) == loan.principal
    assert -account_balance(BANK, loan=loan) == loan.net_disbursed
    fee = -account_balance(FEE_INCOME, loan=loan) - account_balance(GST_PAYABLE, loan=loan)
    assert fee == loan.processing_fee == D("2360.00")
    assert_portfolio_matches(loan)


def test_a_cooling_off_exit_is_one_payment_entry_that_closes_the_portfolio():
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=3))
    loan = cancel(loan)
    assert loan.status == "cancelled"
    # The payment's own entry is the cancellation's: no second entry debits the bank (the
    # accrual basis's true-up only moves the interest collected from receivable to income).
    assert list(JournalEntry.objects.filter(loan=loan).values_list("kind", flat=True)) == [
        "disbursement",
        "payment",
        "interest_accrual",
    ]
    entry = JournalEntry.objects.get(loan=loan, kind="payment")
    assert_balanced(entry)
    # 3 days of 14% on 1,00,000 = 115.07
    assert entry.reference == "UTR-BACK"
    assert sides(entry) == {
        BANK: (D("100115.07"), D("0.00")),
        LOAN_PORTFOLIO: (D("0.00"), D("100000.00")),
        INTEREST_RECEIVABLE: (D("0.00"), D("115.07")),  # accrual basis: trued up below
    }
    true_up = JournalEntry.objects.get(loan=loan, kind="interest_accrual")
    assert sides(true_up) == {
        INTEREST_RECEIVABLE: (D("115.07"), D("0.00")),
        INTEREST_INCOME: (D("0.00"), D("115.07")),
    }
    assert account_balance(INTEREST_RECEIVABLE, loan=loan) == D("0.00")
    assert account_balance(LOAN_PORTFOLIO, loan=loan) == D("0.00")
    assert_portfolio_matches(loan)


def test_portfolio_invariant_over_several_loans_and_the_whole_book():
    loans = [active_loan(amount=D(a)) for a in ("50000.00", "120000.00", "75000.00")]
    cancel(loans[1])
    for loan in loans:
        assert_portfolio_matches(loan)
    total_outstanding = sum(Loan.objects.values_list("principal_outstanding", flat=True))
    assert account_balance(LOAN_PORTFOLIO) == total_outstanding == D("125000.00")
    book = JournalLine.objects.aggregate(dr=Sum("debit"), cr=Sum("credit"))
    assert book["dr"] == book["cr"]
    for entry in JournalEntry.objects.all():
        assert_balanced(entry)


# --- journal_post's own refusals -------------------------------------------------------


@pytest.mark.parametrize(
    "lines",
    [
        [Dr(BANK, D("100.00")), Cr(FEE_INCOME, D("99.99"))],
        [Dr(BANK, D("-10.00")), Cr(FEE_INCOME, D("-10.00"))],
        [ledger.Line(BANK, debit=D("10.00"), credit=D("10.00")), Cr(FEE_INCOME, D("0.00"))],
        [Dr(BANK, D("0.00")), Cr(FEE_INCOME, D("0.00"))],
        [],
    ],
    ids=["unbalanced", "negative", "both-sides", "all-zero", "empty"],
)
def test_journal_post_refuses_bad_entries_before_writing(lines):
    with pytest.raises(UnbalancedEntry):
        journal_post(entry_date=today_ist(), kind="test", lines=lines)
    assert not JournalEntry.objects.exists() and not JournalLine.objects.exists()


def test_zero_lines_are_dropped():
    entry = journal_post(
        entry_date=today_ist(),
        kind="test",
        lines=[Dr(BANK, D("10.00")), Cr(FEE_INCOME, D("10.00")), Cr(GST_PAYABLE, D("0.00"))],
    )
    assert set(sides(entry)) == {BANK, FEE_INCOME}


def test_reversal_is_a_new_mirrored_entry_and_the_original_stays():
    loan = active_loan()
    original = JournalEntry.objects.get(loan=loan)
    before = sides(original)
    reversal = journal_reverse(entry=original, entry_date=today_ist(), acting_user=staff(FINANCE))
    assert reversal.reverses == original and reversal.kind == "disbursement_reversal"
    assert sides(reversal) == {code: (cr, dr) for code, (dr, cr) in before.items()}
    assert sides(JournalEntry.objects.get(pk=original.pk)) == before
    assert account_balance(LOAN_PORTFOLIO, loan=loan) == D("0.00")


def test_database_refuses_a_line_with_both_sides():
    entry = journal_post(
        entry_date=today_ist(), kind="test", lines=[Dr(BANK, D("1.00")), Cr(FEE_INCOME, D("1.00"))]
    )
    bank = LedgerAccount.objects.get(code=BANK)
    with pytest.raises(IntegrityError), transaction.atomic():
        JournalLine.objects.bulk_create(
            [JournalLine(entry=entry, account=bank, debit=D("1.00"), credit=D("1.00"))]
        )


# --- append-only ------------------------------------------------------------------------


def test_orm_refuses_to_change_or_delete_journal_rows():
    loan = active_loan()
    entry = JournalEntry.objects.get(loan=loan)
    line = entry.lines.first()
    entry.memo = "edited"
    line.debit = D("1.00")
    for attempt in (
        entry.save,
        entry.delete,
        line.save,
        line.delete,
        lambda: JournalEntry.objects.filter(pk=entry.pk).update(memo="x"),
        lambda: JournalLine.objects.filter(entry=entry).update(debit=1),
        lambda: JournalEntry.objects.filter(pk=entry.pk).delete(),
        lambda: JournalLine.objects.filter(entry=entry).delete(),
    ):
        with pytest.raises(PermissionError):
            attempt()
    assert JournalEntry.objects.get(pk=entry.pk).memo.startswith(
        f"Disbursement of loan #{loan.pk} to "
    )
    assert JournalLine.objects.filter(entry=entry).count() == 4


@pytest.mark.postgres
@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE loans_journalentry SET memo = 'edited'",
        "DELETE FROM loans_journalentry",
        "UPDATE loans_journalline SET debit = debit + 1 WHERE debit > 0",
        "DELETE FROM loans_journalline",
    ],
)
def test_postgres_trigger_refuses_raw_update_and_delete(sql):
    loan = active_loan()
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql)
    assert JournalEntry.objects.get(loan=loan).memo.startswith(f"Disbursement of loan #{loan.pk} ")
    assert JournalLine.objects.filter(loan=loan).aggregate(dr=Sum("debit"))["dr"] == D("100000.00")
