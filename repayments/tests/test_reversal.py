"""payment_reverse: maker-checker, reason, journal reversal, and the replay that moves later
payments up exactly as if the reversed one had never been posted. Backdated payments use
the same replay."""

from datetime import date
from decimal import Decimal

import pytest

from accounts.models import AuditEvent
from accounts.roles import FINANCE, LOAN_OFFICER
from accounts.tests.factories import staff
from lendingsite.errors import DomainError
from loans import ledger
from loans.models import Installment, JournalEntry, JournalLine, Loan
from loans.tests.factories import active_loan
from repayments.models import Payment, PaymentAllocation, PaymentReversal
from repayments.services.payments import payment_reverse
from repayments.tests.factories import emi_of, money_snapshot, post_payment, reverse_payment

D = Decimal
DISBURSED = date(2026, 1, 10)
ROW_STATE = (
    "number",
    "due_date",
    "principal_due",
    "interest_due",
    "penal_due",
    "fees_due",
    "principal_paid",
    "interest_paid",
    "penal_paid",
    "fees_paid",
    "balance_after",
    "paid_on",
)


def fresh(loan) -> Loan:
    return Loan.objects.get(pk=loan.pk)


def rows(loan) -> list[tuple]:
    return list(Installment.objects.filter(loan=loan).order_by("number").values_list(*ROW_STATE))


def allocations(payment) -> list[tuple]:
    return list(
        PaymentAllocation.objects.filter(payment=payment)
        .order_by("installment__number")
        .values_list("installment__number", "penal", "fees", "interest", "principal")
    )


def totals(payment) -> tuple:
    p = Payment.objects.get(pk=payment.pk)
    return (p.penal, p.fees, p.interest, p.principal, p.excess)


def assert_books_agree(loan):
    loan = fresh(loan)
    assert loan.principal_outstanding == ledger.account_balance(ledger.LOAN_PORTFOLIO, loan=loan)
    for entry in JournalEntry.objects.filter(loan=loan).prefetch_related("lines"):
        lines = list(entry.lines.all())
        assert sum(ln.debit for ln in lines) == sum(ln.credit for ln in lines), entry.kind


# A, B, C on the loan; B and C alone on a twin loan with the same terms.
A = (D("8978.71"), date(2026, 2, 10))
B = (D("5000.00"), date(2026, 3, 10))
C = (D("7000.00"), date(2026, 3, 12))


@pytest.mark.django_db
def test_reversing_a_moves_b_and_c_exactly_as_if_a_never_happened():
    loan = active_loan(disbursed_on=DISBURSED, tenure=12)
    poster = staff(FINANCE)
    a, b, c = (
        post_payment(loan, amount=amt, paid_on=day, acting_user=poster) for amt, day in (A, B, C)
    )
    assert totals(b)[2:4] == (D("1075.53"), D("3924.47"))  # row 2 after A paid row 1
    checker = staff(FINANCE)
    reversal = payment_reverse(
        acting_user=checker, payment=a, reason="Cheque bounced", business_date=date(2026, 3, 14)
    )

    twin = active_loan(disbursed_on=DISBURSED, tenure=12)
    b2, c2 = (post_payment(twin, amount=amt, paid_on=day) for amt, day in (B, C))
    assert allocations(b) == allocations(b2)
    assert allocations(c) == allocations(c2)
    assert totals(b) == totals(b2)
    assert totals(c) == totals(c2)
    assert rows(loan) == rows(twin)
    assert fresh(loan).principal_outstanding == fresh(twin).principal_outstanding
    # B now pays row 1 (due 10 Feb) first: interest 1166.67, principal 3833.33.
    assert totals(b)[2:4] == (D("1166.67"), D("3833.33"))

    a = Payment.objects.get(pk=a.pk)
    assert a.status == "reversed"
    assert not PaymentAllocation.objects.filter(payment=a).exists()
    assert (reversal.reason, reversal.reversed_by, reversal.reversed_on) == (
        "Cheque bounced",
        checker,
        date(2026, 3, 14),
    )
    # A's entry is reversed by a new entry; B and C each get an adjustment entry.
    original = JournalEntry.objects.get(kind="payment", reference=a.utr)
    assert original.reversed_by.kind == "payment_reversal"
    assert original.reversed_by.entry_date == date(2026, 3, 14)
    assert JournalEntry.objects.filter(kind="payment_adjustment", loan=loan).count() == 2
    assert_books_agree(loan)
    # The ledger of the loan now says what the twin's says (Bank, portfolio, income).
    for code in (ledger.BANK, ledger.LOAN_PORTFOLIO, ledger.INTEREST_INCOME):
        assert ledger.account_balance(code, loan=loan) == ledger.account_balance(code, loan=twin)
    event = AuditEvent.objects.get(action="payment.reversed")
    assert (event.actor, event.target_id) == (checker, str(a.pk))
    assert event.after["reason"] == "Cheque bounced"
    assert event.after["posted_by"] == poster.pk


@pytest.mark.django_db
def test_backdated_payment_lands_before_a_later_one():
    """A payment dated before one already posted is replayed in its place; the later one is
    re-allocated with a balanced adjustment entry."""
    loan = active_loan(disbursed_on=DISBURSED, tenure=12)
    post_payment(loan, amount=A[0], paid_on=A[1])
    late = post_payment(loan, amount=C[0], paid_on=C[1])
    early = post_payment(loan, amount=B[0], paid_on=B[1], business_date=C[1])
    twin = active_loan(disbursed_on=DISBURSED, tenure=12)
    for amt, day in (A, B, C):
        post_payment(twin, amount=amt, paid_on=day)
    assert rows(loan) == rows(twin)
    twin_payments = list(Payment.objects.filter(loan=twin).order_by("paid_on"))
    assert totals(early) == totals(twin_payments[1])
    assert totals(late) == totals(twin_payments[2])
    assert JournalEntry.objects.filter(kind="payment_adjustment", reference=late.utr).count() == 1
    assert_books_agree(loan)


@pytest.mark.django_db
def test_the_poster_cannot_reverse_and_nothing_is_written():
    loan = active_loan(disbursed_on=DISBURSED, tenure=12)
    poster = staff(FINANCE)
    payment = post_payment(loan, amount=A[0], paid_on=A[1], acting_user=poster)
    before = money_snapshot()
    with pytest.raises(DomainError) as caught:
        payment_reverse(acting_user=poster, payment=payment, reason="mine", business_date=A[1])
    assert caught.value.code == "maker_checker"
    assert caught.value.status == 403
    assert money_snapshot() == before
    assert not PaymentReversal.objects.exists()
    assert Payment.objects.get(pk=payment.pk).status == "posted"
    denied = AuditEvent.objects.get(action="payment.reverse_refused", outcome="denied")
    assert (denied.actor, denied.after["code"]) == (poster, "maker_checker")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "reason", "code"),
    [
        (LOAN_OFFICER, "Cheque bounced", "permission_denied"),
        (FINANCE, "   ", "validation_error"),
    ],
)
def test_reversal_refusals(who, reason, code):
    loan = active_loan(disbursed_on=DISBURSED, tenure=12)
    payment = post_payment(loan, amount=A[0], paid_on=A[1])
    before = money_snapshot()
    with pytest.raises(DomainError) as caught:
        payment_reverse(acting_user=staff(who), payment=payment, reason=reason)
    assert caught.value.code == code
    assert money_snapshot() == before
    assert (
        AuditEvent.objects.filter(action="payment.reverse_refused", outcome="denied").count() == 1
    )


@pytest.mark.django_db
def test_a_payment_is_reversed_once():
    loan = active_loan(disbursed_on=DISBURSED, tenure=12)
    payment = post_payment(loan, amount=A[0], paid_on=A[1])
    reverse_payment(payment)
    with pytest.raises(DomainError) as caught:
        reverse_payment(payment)
    assert caught.value.code == "invalid_state"
    assert PaymentReversal.objects.count() == 1


@pytest.mark.django_db
def test_reversing_the_payment_that_closed_the_loan_reopens_it():
    loan = active_loan(disbursed_on=DISBURSED, tenure=3)
    last_due = Installment.objects.filter(loan=loan).order_by("-number").first().due_date
    owed = sum((i.total_due for i in Installment.objects.filter(loan=loan)), D(0))
    payment = post_payment(loan, amount=owed, paid_on=last_due)
    assert (fresh(loan).status, fresh(loan).closed_on) == ("closed", last_due)
    reverse_payment(payment)
    loan = fresh(loan)
    assert (loan.status, loan.closed_on) == ("active", None)
    assert loan.principal_outstanding == loan.principal
    assert all(r[6] == 0 and r[7] == 0 for r in rows(loan))
    assert_books_agree(loan)


@pytest.mark.django_db
def test_reversing_a_prepayment_restores_the_original_schedule():
    loan = active_loan(disbursed_on=DISBURSED, tenure=12)
    untouched = rows(loan)
    emi = emi_of(loan)
    first = post_payment(loan, amount=emi, paid_on=date(2026, 2, 10))
    after_first = rows(loan)
    prepayment = post_payment(loan, amount=D("30000.00"), paid_on=date(2026, 2, 20))
    assert len(rows(loan)) != len(untouched)  # a prepayment row, fewer installments after
    reverse_payment(prepayment)
    assert rows(loan) == after_first
    reverse_payment(first)
    assert rows(loan) == untouched
    assert JournalLine.objects.filter(loan=loan).exists()
    assert_books_agree(loan)
    assert fresh(loan).principal_outstanding == D("100000.00")
