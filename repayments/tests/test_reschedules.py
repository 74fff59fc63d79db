"""Restructure and moratorium in the database (repayments.services.servicing.reschedules
and .moratoria): maker-checker then the borrower's acceptance; the new base the replay
starts from; history before it closed; a moratorium job that is idempotent and resumable,
audited per loan, and leaves DPD at 0 in the holiday."""

from datetime import timedelta
from decimal import Decimal

import pytest

from accounts.models import AuditEvent
from accounts.roles import COLLECTIONS_MANAGER, CREDIT_MANAGER
from accounts.tests.factories import staff
from collection.dayend import day_end_run
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans import ledger
from loans.models import Installment, Loan, MoratoriumLoan, Reschedule
from loans.schedule import add_months
from loans.tests.factories import active_loan
from repayments.models import Payment
from repayments.services.servicing.moratoria import moratorium_create, moratorium_run
from repayments.services.servicing.proposals import proposal_approve
from repayments.services.servicing.reschedules import loan_restructure_propose, restructure_accept
from repayments.tests.factories import post_payment, reverse_payment

pytestmark = pytest.mark.django_db
D = Decimal
ZERO = D("0.00")


def _invariants(loan: Loan) -> None:
    loan = Loan.objects.get(pk=loan.pk)
    rows = Installment.objects.filter(loan=loan)
    assert ledger.account_balance(ledger.LOAN_PORTFOLIO, loan=loan) == loan.principal_outstanding
    assert loan.principal_outstanding == sum(
        (r.principal_due - r.principal_paid for r in rows), ZERO
    )
    due = sum((r.total_due for r in rows), ZERO)
    paid = sum((r.total_paid for r in rows), ZERO)
    allocated = sum(
        (
            p.penal + p.fees + p.interest + p.principal
            for p in Payment.objects.filter(loan=loan, status="posted")
        ),
        ZERO,
    )
    assert paid == allocated
    assert due == allocated + sum((r.outstanding for r in rows), ZERO)


def _restructure(loan, rate="10", tenure=18):
    proposal = loan_restructure_propose(
        acting_user=staff(CREDIT_MANAGER),
        loan=loan,
        annual_rate=D(rate),
        tenure=tenure,
        reason="Hardship",
    )
    proposal_approve(acting_user=staff(COLLECTIONS_MANAGER), proposal=proposal)
    return Reschedule.objects.get(proposal=proposal)


@pytest.fixture
def overdue():
    """₹1,00,000 for 12 months, disbursed 70 days ago: one installment paid, one missed."""
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=70))
    first = loan.installments.order_by("number").first()
    post_payment(loan, amount=first.principal_due + first.interest_due, paid_on=first.due_date)
    return Loan.objects.get(pk=loan.pk)


def test_a_restructure_waits_for_the_borrower_then_applies_from_today(overdue):
    before = list(overdue.installments.order_by("number"))
    outstanding = overdue.principal_outstanding
    reschedule = _restructure(overdue)
    assert reschedule.status == "awaiting_borrower"
    assert reschedule.apr == D("10.00")  # no fee on the addendum: the APR is the rate
    assert list(Loan.objects.get(pk=overdue.pk).installments.order_by("number")) == before

    with pytest.raises(DomainError) as refused:
        restructure_accept(acting_user=staff(CREDIT_MANAGER), reschedule=reschedule)
    assert refused.value.code == "permission_denied"
    restructure_accept(acting_user=overdue.borrower, reschedule=reschedule)

    loan = Loan.objects.get(pk=overdue.pk)
    assert (loan.restructured, loan.restructured_on, loan.restructure_count) == (
        True,
        today_ist(),
        1,
    )
    rows = list(loan.installments.order_by("number"))
    today = today_ist()
    past = [r for r in rows if r.due_date <= today]
    new = [r for r in rows if r.due_date > today]
    assert len(past) == 2 and len(new) == 18
    # Arrears kept as a separate due (the product's default): the missed row is as it was.
    assert past[1].outstanding == before[1].outstanding
    assert new[0].due_date == add_months(today, 1)
    assert loan.principal_outstanding == outstanding
    assert sum((r.principal_due for r in new), ZERO) == outstanding - past[1].principal_due
    assert AuditEvent.objects.filter(action="restructure.applied", target_id=str(loan.pk)).exists()
    _invariants(loan)


def test_after_a_restructure_payments_replay_from_the_new_base_and_old_history_is_closed(overdue):
    old_payment = Payment.objects.get(loan=overdue)
    restructure_accept(acting_user=overdue.borrower, reschedule=_restructure(overdue))
    today = today_ist()
    with pytest.raises(DomainError) as refused:
        post_payment(
            overdue, amount=D("1000.00"), paid_on=today - timedelta(days=1), business_date=today
        )
    assert refused.value.code == "backdated"
    with pytest.raises(DomainError) as refused:
        reverse_payment(old_payment, business_date=today)
    assert refused.value.code == "invalid_state"

    snapshot = [
        (r.number, r.due_date, r.total_due, r.total_paid)
        for r in overdue.installments.order_by("number")
    ]
    payment = post_payment(overdue, amount=D("5000.00"), paid_on=today)
    _invariants(overdue)
    reverse_payment(payment, business_date=today)  # a full replay, from the new base
    again = [
        (r.number, r.due_date, r.total_due, r.total_paid)
        for r in overdue.installments.order_by("number")
    ]
    assert again == snapshot
    _invariants(overdue)


def test_a_capitalising_product_books_the_interest_it_capitalises(overdue):
    overdue.product.restructure_capitalises_arrears = True
    overdue.product.save()
    missed = overdue.installments.order_by("number")[1]
    restructure_accept(acting_user=overdue.borrower, reschedule=_restructure(overdue))
    loan = Loan.objects.get(pk=overdue.pk)
    assert (
        ledger.account_balance(ledger.CAPITALISED_INTEREST_SUSPENSE, loan=loan)
        == -missed.interest_due
    )
    row = loan.installments.get(number=2)
    assert row.outstanding == ZERO  # moved into the new principal
    _invariants(loan)
    from repayments.statements import statement_build

    statement = statement_build(loan)
    assert "reschedule" in [r.kind for r in statement.rows]
    # What the statement says is owed: principal outstanding (with the capitalised
    # interest) and nothing else due yet.
    assert statement.closing_balance == loan.principal_outstanding


def test_an_addendum_lapses_when_the_loan_moved_since(overdue):
    reschedule = _restructure(overdue)
    post_payment(overdue, amount=D("1000.00"), paid_on=today_ist())
    assert (
        restructure_accept(acting_user=overdue.borrower, reschedule=reschedule).status == "lapsed"
    )
    assert Loan.objects.get(pk=overdue.pk).restructure_count == 0


def test_moratorium_job_defers_installments_is_idempotent_and_dpd_stays_zero():
    today = today_ist()
    loan = active_loan(disbursed_on=today - timedelta(days=20), tenure=24)
    closed = active_loan(disbursed_on=today - timedelta(days=20))
    Loan.objects.filter(pk=closed.pk).update(status="closed")
    before = list(loan.installments.order_by("number"))
    moratorium = moratorium_create(
        acting_user=staff(CREDIT_MANAGER),
        name="Flood relief",
        start=today,
        installments=3,
        loan_ids=[loan.pk, closed.pk],
    )
    counts = moratorium_run(moratorium=moratorium)
    assert counts == {"applied": 1, "skipped": 1}
    assert moratorium_run(moratorium=moratorium) == {"applied": 0, "skipped": 0}  # idempotent

    loan = Loan.objects.get(pk=loan.pk)
    rows = list(loan.installments.order_by("number"))
    assert len(rows) == 24
    assert rows[0].due_date == add_months(loan.disbursed_on, 4)
    assert rows[-1].due_date == add_months(loan.disbursed_on, 27)
    # Holiday interest = principal x monthly rate x 3, spread over the 24 rows.
    rate = loan.annual_rate / 1200
    holiday = (loan.principal * rate * 3).quantize(D("0.01"))
    added = sum((r.interest_due for r in rows), ZERO) - sum((r.interest_due for r in before), ZERO)
    assert added == holiday == Reschedule.objects.get(loan=loan).holiday_interest
    assert (
        AuditEvent.objects.filter(action="moratorium.applied", target_id=str(loan.pk)).count() == 1
    )
    assert MoratoriumLoan.objects.get(loan=closed).status == "skipped"
    # Where the first installment used to be due, nothing is due: no DPD in the holiday.
    day_end_run(business_date=before[0].due_date + timedelta(days=5))
    assert Loan.objects.get(pk=loan.pk).dpd == 0
    _invariants(loan)
