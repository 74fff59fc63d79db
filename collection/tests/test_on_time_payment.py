"""A payment dated on time is on time (issue 11, part 3), end to end through the day-end
(collection.dayend.job.day_end_run) and payment_post: the day-end levies a penal charge
after the grace days, then finance records a payment dated on the due date. The loan must
end as if the payment had been recorded that day."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db.models import Sum

from accounts.models import AuditEvent
from collection.dayend import day_end_run
from collection.models import BucketHistory, CollectionCase
from collection.tests.dayend_helpers import loan_due
from loans import ledger
from loans.models import Installment, JournalLine, Loan
from loans.tests.factories import ProductFactory
from repayments.models import Charge
from repayments.statements import statement_build
from repayments.tests.factories import post_payment, reverse_payment

pytestmark = pytest.mark.django_db

JAN31 = date(2025, 1, 31)
DUE = date(2025, 2, 28)  # installment 1
LATE = DUE + timedelta(days=7)  # the day the payment is recorded (7 days back is allowed)


def _days(first: date, last: date):
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _levied_and_delinquent():
    product = ProductFactory(penal_grace_days=3, penal_charge_flat=Decimal("500.00"))
    loan = loan_due(JAN31, product=product)
    for day in _days(DUE, LATE):
        day_end_run(business_date=day)
    loan = Loan.objects.get(pk=loan.pk)
    first = loan.installments.get(number=1)
    # Today's behaviour up to here: levied on 4 Mar (4 days after the due date, grace 3).
    assert (loan.dpd, loan.bucket) == (8, "SMA-0")
    charge = Charge.objects.get(loan=loan)
    assert (charge.amount, charge.charged_on) == (Decimal("500.00"), DUE + timedelta(days=4))
    assert CollectionCase.objects.get(loan=loan).status == "open"
    return loan, first, charge


def _ledger_balanced() -> bool:
    totals = JournalLine.objects.aggregate(dr=Sum("debit"), cr=Sum("credit"))
    per_entry = JournalLine.objects.values("entry_id").annotate(dr=Sum("debit"), cr=Sum("credit"))
    return totals["dr"] == totals["cr"] and all(row["dr"] == row["cr"] for row in per_entry)


def test_a_payment_dated_on_the_due_date_undoes_the_penal_charge_and_the_delinquency():
    loan, first, charge = _levied_and_delinquent()
    emi = first.principal_due + first.interest_due

    payment = post_payment(loan, amount=emi, paid_on=DUE, business_date=LATE)

    loan = Loan.objects.get(pk=loan.pk)
    first.refresh_from_db()
    assert (first.penal_due, first.outstanding, first.paid_on) == (Decimal("0.00"), 0, DUE)
    assert payment.penal == Decimal("0.00") and payment.principal + payment.interest == emi
    assert (loan.dpd, loan.bucket) == (0, "current")
    assert not CollectionCase.objects.filter(loan=loan, status="open").exists()
    case = CollectionCase.objects.get(loan=loan)
    assert (case.status, case.closed_on, case.overdue_amount) == ("resolved", LATE, 0)
    # No charge in force: the charge is reversed (kept, never deleted), with its reason.
    charge.refresh_from_db()
    assert (charge.status, charge.reversed_on) == ("reversed", LATE)
    assert "not overdue" in charge.reversal_reason
    assert charge.journal_entry.reversed_by.kind == "charge_reversal"
    assert ledger.account_balance(ledger.CHARGES_RECEIVABLE, loan=loan) == 0
    assert ledger.account_balance(ledger.CHARGES_SUSPENSE, loan=loan) == 0
    assert _ledger_balanced()
    history = list(
        BucketHistory.objects.filter(loan=loan)
        .order_by("business_date")
        .values_list("business_date", "from_bucket", "to_bucket", "dpd")
    )
    assert history == [(DUE, "current", "SMA-0", 1), (LATE, "SMA-0", "current", 0)]
    correction = BucketHistory.objects.get(loan=loan, business_date=LATE)
    assert f"payment {payment.pk}" in correction.cause
    event = AuditEvent.objects.get(action="charge.reversed")
    assert (event.target_id, event.after["reversed_on"]) == (str(charge.pk), LATE.isoformat())
    # The statement shows the charge and its reversal; what it says is owed still holds.
    rows = statement_build(loan, as_of=LATE).rows
    assert [(r.on, r.kind, r.amount) for r in rows if r.kind.startswith("charge")] == [
        (charge.charged_on, "charge", Decimal("500.00")),
        (LATE, "charge_reversal", Decimal("-500.00")),
    ]
    owed = loan.principal_outstanding + sum(
        (i.interest_due - i.interest_paid for i in loan.installments.filter(due_date__lte=LATE)),
        Decimal("0.00"),
    )
    assert rows[-1].balance == owed

    # The next nights change nothing, and the charge is never levied again.
    for day in _days(LATE + timedelta(days=1), LATE + timedelta(days=5)):
        day_end_run(business_date=day)
    loan = Loan.objects.get(pk=loan.pk)
    assert (loan.dpd, loan.bucket) == (0, "current")
    assert Charge.objects.filter(loan=loan).count() == 1
    assert Installment.objects.get(pk=first.pk).penal_due == 0
    assert not CollectionCase.objects.filter(loan=loan, status="open").exists()


def test_a_payment_dated_within_the_grace_days_also_voids_the_charge():
    loan, first, charge = _levied_and_delinquent()
    emi = first.principal_due + first.interest_due

    post_payment(loan, amount=emi, paid_on=DUE + timedelta(days=2), business_date=LATE)

    charge.refresh_from_db()
    assert charge.status == "reversed"
    loan = Loan.objects.get(pk=loan.pk)
    assert (loan.dpd, loan.bucket) == (0, "current")
    assert ledger.account_balance(ledger.CHARGES_RECEIVABLE, loan=loan) == 0


def test_a_payment_dated_after_the_charge_date_pays_the_charge():
    """Paid late (after the day the charge was levied): the charge stands and is paid
    first; the loan is current at once."""
    loan, first, charge = _levied_and_delinquent()
    owed = first.principal_due + first.interest_due + Decimal("500.00")

    payment = post_payment(loan, amount=owed, paid_on=LATE, business_date=LATE)

    charge.refresh_from_db()
    assert charge.status == "in_force"
    assert payment.penal == Decimal("500.00")
    loan = Loan.objects.get(pk=loan.pk)
    assert (loan.dpd, loan.bucket) == (0, "current")
    assert ledger.account_balance(ledger.CHARGES_RECEIVABLE, loan=loan) == 0
    assert ledger.account_balance(ledger.PENAL_INCOME, loan=loan) == Decimal("-500.00")


def test_a_partial_payment_dated_on_the_due_date_keeps_the_charge():
    """Still overdue above the floor at the end of the charge date: the charge stands."""
    loan, _, charge = _levied_and_delinquent()

    post_payment(loan, amount=Decimal("1000.00"), paid_on=DUE, business_date=LATE)

    charge.refresh_from_db()
    assert charge.status == "in_force"
    loan = Loan.objects.get(pk=loan.pk)
    assert loan.dpd == 8 and loan.bucket == "SMA-0"
    assert CollectionCase.objects.get(loan=loan).status == "open"


def test_reversing_the_on_time_payment_brings_the_arrears_back_but_not_the_charge():
    """The reversed charge stays reversed: the day-end never levies a second penal charge
    on the same installment (docs/payments.md)."""
    loan, first, charge = _levied_and_delinquent()
    emi = first.principal_due + first.interest_due
    payment = post_payment(loan, amount=emi, paid_on=DUE, business_date=LATE)

    reverse_payment(payment, business_date=LATE)

    loan = Loan.objects.get(pk=loan.pk)
    assert (loan.dpd, loan.bucket) == (8, "SMA-0")
    assert CollectionCase.objects.filter(loan=loan, status="open").count() == 1
    day_end_run(business_date=LATE + timedelta(days=1))
    assert Charge.objects.filter(loan=loan).count() == 1
    charge.refresh_from_db()
    assert charge.status == "reversed"
    assert Installment.objects.get(pk=first.pk).penal_due == 0
    assert _ledger_balanced()
