"""Distress servicing (repayments.services.servicing): maker-checker proposals, write-off,
recovery after write-off, one-time settlement paid and broken. Worked examples are
computed by hand from the schedule the test reads."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db.models import Sum

from accounts.models import AuditEvent
from accounts.roles import COLLECTIONS_MANAGER, CREDIT_MANAGER, FINANCE
from accounts.tests.factories import staff
from collection.dayend import day_end_run
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans import ledger
from loans.models import Installment, JournalEntry, Loan, Proposal, WriteOff
from loans.tests.factories import active_loan
from repayments.models import Charge, Payment
from repayments.services.servicing.proposals import proposal_approve, proposal_reject
from repayments.services.servicing.settlements import (
    loan_settlement_propose,
    settlements_break_due,
)
from repayments.services.servicing.writeoffs import loan_write_off_propose
from repayments.tests.factories import levy_penal, money_snapshot, post_payment, reverse_payment

pytestmark = pytest.mark.django_db
D = Decimal
ZERO = D("0.00")


def _entries_balanced() -> None:
    for entry in JournalEntry.objects.all():
        totals = entry.lines.aggregate(dr=Sum("debit"), cr=Sum("credit"))
        assert totals["dr"] == totals["cr"], entry.kind


def _dues_identity(loan: Loan) -> None:
    """Σ dues = Σ allocations + outstanding, and Loan Portfolio = principal outstanding."""
    loan = Loan.objects.get(pk=loan.pk)
    rows = Installment.objects.filter(loan=loan)
    due = sum((r.total_due for r in rows), ZERO)
    outstanding = sum((r.outstanding for r in rows), ZERO)
    allocated = ZERO
    for p in Payment.objects.filter(loan=loan, status="posted"):
        allocated += p.penal + p.fees + p.interest + p.principal
    assert due == allocated + outstanding + _waived(loan)
    assert ledger.account_balance(ledger.LOAN_PORTFOLIO, loan=loan) == loan.principal_outstanding


def _waived(loan) -> Decimal:
    return ZERO  # waived dues leave the rows (settlement) so the identity needs nothing here


@pytest.fixture
def overdue():
    """A ₹1,00,000 12-month loan disbursed 100 days ago: three installments missed, a ₹500
    penal charge on the first."""
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=100))
    first = loan.installments.order_by("number").first()
    levy_penal(loan, number=1, amount=D("500.00"), charged_on=first.due_date + timedelta(days=1))
    return Loan.objects.get(pk=loan.pk)


def _write_off(loan, kind="technical"):
    maker, checker = staff(CREDIT_MANAGER), staff(COLLECTIONS_MANAGER)
    proposal = loan_write_off_propose(
        acting_user=maker, loan=loan, kind=kind, reason="No contact 90 days"
    )
    return proposal_approve(acting_user=checker, proposal=proposal, note="Agreed")


# --- maker-checker -----------------------------------------------------------------------


def test_the_proposer_cannot_approve_and_a_refusal_writes_nothing(overdue):
    maker = staff(CREDIT_MANAGER)
    proposal = loan_write_off_propose(acting_user=maker, loan=overdue, reason="Absconded")
    before = money_snapshot(overdue)
    with pytest.raises(DomainError) as refused:
        proposal_approve(acting_user=maker, proposal=proposal)
    assert refused.value.code == "maker_checker"
    assert money_snapshot(overdue) == before
    assert Proposal.objects.get(pk=proposal.pk).status == "proposed"
    assert Loan.objects.get(pk=overdue.pk).status == "active"
    assert AuditEvent.objects.filter(action="proposal.approve_refused").exists()


def test_who_may_propose_and_decide(overdue):
    with pytest.raises(DomainError) as refused:
        loan_write_off_propose(acting_user=staff(FINANCE), loan=overdue, reason="x")
    assert refused.value.code == "permission_denied"
    proposal = loan_write_off_propose(acting_user=staff(CREDIT_MANAGER), loan=overdue, reason="x")
    with pytest.raises(DomainError) as refused:
        proposal_approve(acting_user=staff(FINANCE), proposal=proposal)
    assert refused.value.code == "permission_denied"
    with pytest.raises(DomainError) as refused:  # one open proposal of a kind per loan
        loan_write_off_propose(acting_user=staff(CREDIT_MANAGER), loan=overdue, reason="y")
    assert refused.value.code == "invalid_state"
    with pytest.raises(DomainError) as refused:
        loan_write_off_propose(acting_user=staff(CREDIT_MANAGER), loan=overdue, reason=" ")
    assert refused.value.code in ("validation_error", "invalid_state")


def test_a_rejection_moves_nothing_and_a_decided_proposal_stays_decided(overdue):
    proposal = loan_write_off_propose(acting_user=staff(CREDIT_MANAGER), loan=overdue, reason="x")
    before = money_snapshot(overdue)
    proposal_reject(acting_user=staff(CREDIT_MANAGER), proposal=proposal, note="Try settlement")
    assert money_snapshot(overdue) == before
    with pytest.raises(DomainError) as refused:
        proposal_approve(acting_user=staff(CREDIT_MANAGER), proposal=proposal)
    assert refused.value.code == "invalid_state"


# --- write-off and recovery --------------------------------------------------------------


def test_write_off_posts_one_balanced_entry_and_freezes_the_loan(overdue):
    today = today_ist()
    rows = list(overdue.installments.order_by("number"))
    principal = overdue.principal_outstanding
    interest_due = sum((r.interest_due for r in rows if r.due_date <= today), ZERO)
    future_interest = sum((r.interest_due for r in rows if r.due_date > today), ZERO)

    _write_off(overdue)

    loan = Loan.objects.get(pk=overdue.pk)
    record = WriteOff.objects.get(loan=loan)
    assert loan.status == "written_off"
    assert loan.principal_outstanding == ZERO
    assert (record.principal, record.interest, record.penal) == (
        principal,
        interest_due,
        D("500.00"),
    )
    assert future_interest > 0  # unearned interest is not claimed
    entry = JournalEntry.objects.get(loan=loan, kind="write_off")
    lines = {(ln.account.code, ln.debit, ln.credit) for ln in entry.lines.select_related("account")}
    assert lines == {
        (ledger.WRITE_OFF_EXPENSE, principal, ZERO),
        (ledger.LOAN_PORTFOLIO, ZERO, principal),
        (ledger.CHARGES_SUSPENSE, D("500.00"), ZERO),
        (ledger.CHARGES_RECEIVABLE, ZERO, D("500.00")),
    }
    assert ledger.account_balance(ledger.LOAN_PORTFOLIO, loan=loan) == ZERO
    assert ledger.account_balance(ledger.CHARGES_RECEIVABLE, loan=loan) == ZERO
    outstanding = sum((r.outstanding for r in loan.installments.all()), ZERO)
    assert outstanding == record.claim == principal + interest_due + D("500.00")
    assert AuditEvent.objects.filter(action="loan.written_off", target_id=str(loan.pk)).exists()
    _entries_balanced()
    _dues_identity(loan)


def test_the_day_end_leaves_a_written_off_loan_alone(overdue):
    """No penal charge, no DPD or bucket move, no bucket history: the loan stays frozen,
    and stays on the books of collections (its case is not closed)."""
    day_end_run(business_date=today_ist() - timedelta(days=1))
    _write_off(overdue)
    loan = Loan.objects.get(pk=overdue.pk)
    frozen = (loan.dpd, loan.bucket)
    charges = Charge.objects.filter(loan=loan).count()
    snapshot = money_snapshot(loan)
    entries = JournalEntry.objects.filter(loan=loan).count()
    history = loan.bucket_history.count()
    cases = list(loan.collection_cases.values_list("id", "status"))

    for days in (0, 30, 60):
        day_end_run(business_date=today_ist() + timedelta(days=days))

    loan = Loan.objects.get(pk=overdue.pk)
    assert (loan.dpd, loan.bucket, loan.status) == (*frozen, "written_off")
    assert Charge.objects.filter(loan=loan).count() == charges
    assert money_snapshot(loan) == snapshot
    assert JournalEntry.objects.filter(loan=loan).count() == entries
    assert loan.bucket_history.count() == history
    assert list(loan.collection_cases.values_list("id", "status")) == cases


def test_recovery_after_write_off_goes_to_bad_debts_recovered_and_reverses(overdue):
    _write_off(overdue)
    record = WriteOff.objects.get(loan=overdue)
    today = today_ist()
    one, two = overdue.installments.order_by("number")[:2]
    first = post_payment(overdue, amount=D("10000.00"), paid_on=today)
    second = post_payment(overdue, amount=D("3000.00"), paid_on=today)

    # Recovery order: oldest row first, each principal -> interest -> fees -> penal. Row 1
    # (EMI + ₹500 penal) is paid in full, the rest goes to row 2's principal.
    rest = D("10000.00") - one.principal_due - one.interest_due - D("500.00")
    assert (first.principal, first.interest, first.penal, first.excess) == (
        one.principal_due + rest,
        one.interest_due,
        D("500.00"),
        ZERO,
    )
    assert rest < two.principal_due
    assert ledger.account_balance(ledger.BAD_DEBTS_RECOVERED) == D("-13000.00")
    assert ledger.account_balance(ledger.LOAN_PORTFOLIO, loan=overdue) == ZERO
    record.refresh_from_db()
    assert record.recovered == D("13000.00")
    assert record.claim_outstanding == record.claim - D("13000.00")

    reverse_payment(first, business_date=today)

    record.refresh_from_db()
    assert record.recovered == D("3000.00")
    second = Payment.objects.get(pk=second.pk)
    # Moved up to row 1, where the first one was.
    assert (second.principal, second.interest, second.penal) == (
        one.principal_due if one.principal_due < D("3000.00") else D("3000.00"),
        min(one.interest_due, max(D("3000.00") - one.principal_due, ZERO)),
        max(D("3000.00") - one.principal_due - one.interest_due, ZERO),
    )
    assert ledger.account_balance(ledger.BAD_DEBTS_RECOVERED) == D("-3000.00")
    assert first.allocations.count() == 0
    _entries_balanced()
    _dues_identity(overdue)


def test_a_recovery_beyond_the_claim_is_the_borrowers_credit(overdue):
    _write_off(overdue)
    record = WriteOff.objects.get(loan=overdue)
    payment = post_payment(overdue, amount=record.claim + D("100.00"), paid_on=today_ist())
    assert payment.excess == D("100.00")
    assert ledger.account_balance(ledger.BORROWER_CREDIT, loan=overdue) == D("-100.00")
    assert ledger.account_balance(ledger.BAD_DEBTS_RECOVERED, loan=overdue) == -record.claim
    assert sum((r.outstanding for r in overdue.installments.all()), ZERO) == ZERO
    _entries_balanced()


# --- settlement --------------------------------------------------------------------------


def _settlement(loan, amount, installments=None, grace_days=3):
    proposal = loan_settlement_propose(
        acting_user=staff(COLLECTIONS_MANAGER),
        loan=loan,
        amount=amount,
        installments=installments,
        grace_days=grace_days,
        reason="Job loss; one-time settlement",
    )
    return proposal_approve(acting_user=staff(CREDIT_MANAGER), proposal=proposal)


def test_a_settlement_paid_closes_the_loan_as_settled_with_the_rest_waived(overdue):
    today = today_ist()
    _settlement(
        overdue,
        D("60000.00"),
        installments=[
            {"due_date": today + timedelta(days=10), "amount": D("30000.00")},
            {"due_date": today + timedelta(days=40), "amount": D("30000.00")},
        ],
    )
    settlement = overdue.settlements.get()
    assert settlement.status == "in_force"
    post_payment(overdue, amount=D("30000.00"), paid_on=today)
    assert Loan.objects.get(pk=overdue.pk).status == "active"
    settlement.refresh_from_db()
    assert settlement.paid == D("30000.00")

    post_payment(overdue, amount=D("30000.00"), paid_on=today)

    loan = Loan.objects.get(pk=overdue.pk)
    settlement.refresh_from_db()
    assert (loan.status, settlement.status, settlement.paid) == ("settled", "paid", D("60000.00"))
    assert loan.principal_outstanding == ZERO
    assert ledger.account_balance(ledger.LOAN_PORTFOLIO, loan=loan) == ZERO
    assert ledger.account_balance(ledger.CHARGES_RECEIVABLE, loan=loan) == ZERO
    assert settlement.waived_principal > 0
    # The ₹60,000 paid the penal charge, the interest due, then principal; the rest waived.
    assert (
        ledger.account_balance(ledger.WRITE_OFF_EXPENSE, loan=loan) == settlement.waived_principal
    )
    assert sum((r.outstanding for r in loan.installments.all()), ZERO) == ZERO
    _entries_balanced()
    _dues_identity(loan)


def test_a_missed_settlement_installment_breaks_it_after_the_grace(overdue):
    today = today_ist()
    _settlement(
        overdue,
        D("60000.00"),
        installments=[
            {"due_date": today + timedelta(days=5), "amount": D("20000.00")},
            {"due_date": today + timedelta(days=35), "amount": D("40000.00")},
        ],
        grace_days=3,
    )
    post_payment(overdue, amount=D("20000.00"), paid_on=today)
    owed_after_payment = sum((r.outstanding for r in overdue.installments.all()), ZERO)

    assert settlements_break_due(business_date=today + timedelta(days=37)) == 0  # in grace
    assert settlements_break_due(business_date=today + timedelta(days=38)) == 1
    settlement = overdue.settlements.get()
    assert settlement.status == "broken"
    loan = Loan.objects.get(pk=overdue.pk)
    assert loan.status == "active"
    # Back to the old dues, less the ₹20,000 paid (which already went to them).
    assert sum((r.outstanding for r in loan.installments.all()), ZERO) == owed_after_payment
    assert AuditEvent.objects.filter(action="settlement.broken").count() == 1
    assert settlements_break_due(business_date=today + timedelta(days=39)) == 0  # idempotent


def test_a_settlement_must_be_below_the_dues(overdue):
    with pytest.raises(DomainError) as refused:
        loan_settlement_propose(
            acting_user=staff(CREDIT_MANAGER), loan=overdue, amount=D("500000.00"), reason="x"
        )
    assert refused.value.code == "validation_error"
    with pytest.raises(DomainError) as refused:
        loan_settlement_propose(
            acting_user=staff(CREDIT_MANAGER),
            loan=overdue,
            amount=D("60000.00"),
            installments=[{"due_date": today_ist(), "amount": D("1.00")}],
            reason="x",
        )
    assert refused.value.code == "validation_error"


# --- statements --------------------------------------------------------------------------


def test_statements_after_write_off_recovery_and_settlement(overdue):
    from repayments.statements import statement_build

    other = active_loan(disbursed_on=today_ist() - timedelta(days=100))
    _write_off(overdue)
    post_payment(overdue, amount=D("2500.00"), paid_on=today_ist())
    record = WriteOff.objects.get(loan=overdue)
    statement = statement_build(overdue)
    assert "write_off" in [r.kind for r in statement.rows]
    assert statement.closing_balance == record.claim_outstanding

    _settlement(other, D("40000.00"))
    post_payment(other, amount=D("40000.00"), paid_on=today_ist())
    assert Loan.objects.get(pk=other.pk).status == "settled"
    statement = statement_build(other)
    assert statement.rows[-1].kind == "settlement"
    assert statement.closing_balance == ZERO
