"""Charge waivers (repayments.services.waivers): proposed by one finance officer, approved or
rejected by another; approval books the reversing entry, lowers the charge in force and
replays the loan; a refusal writes nothing."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db.models import Sum

from accounts.models import AuditEvent
from accounts.roles import FINANCE, LOAN_OFFICER
from accounts.tests.factories import staff
from collection.models import BucketHistory, CollectionCase
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans import ledger
from loans.models import Installment, JournalEntry, JournalLine, Loan
from loans.tests.factories import active_loan
from repayments.models import Charge, ChargeWaiver, Payment
from repayments.selectors import credit_balance, foreclosure_quote
from repayments.services.waivers import (
    charge_waiver_approve,
    charge_waiver_propose,
    charge_waiver_reject,
)
from repayments.statements import statement_build
from repayments.tests.factories import levy_penal, money_snapshot, post_payment

pytestmark = pytest.mark.django_db
D = Decimal
PENAL = D("500.00")


@pytest.fixture
def charged():
    """A loan 40 days old: installment 1 is overdue and carries a ₹500 penal charge."""
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=40))
    first = loan.installments.order_by("number").first()
    charge = levy_penal(loan, number=1, amount=PENAL, charged_on=first.due_date + timedelta(4))
    return {"loan": loan, "first": first, "charge": charge}


def _balanced() -> bool:
    totals = JournalLine.objects.aggregate(dr=Sum("debit"), cr=Sum("credit"))
    return totals["dr"] == totals["cr"]


def _penal_due(installment) -> Decimal:
    return Installment.objects.get(pk=installment.pk).penal_due


def _propose(charge, by=None, **kwargs):
    return charge_waiver_propose(
        acting_user=by or staff(FINANCE), charge=charge, reason="Bank delay", **kwargs
    )


def test_a_waiver_needs_a_second_person_then_takes_the_charge_off(charged):
    maker, checker = staff(FINANCE), staff(FINANCE)
    loan, charge = charged["loan"], charged["charge"]
    before = money_snapshot(loan)

    waiver = _propose(charge, by=maker)

    assert (waiver.status, waiver.amount, waiver.proposed_by) == ("proposed", PENAL, maker)
    assert money_snapshot(loan) == before  # a proposal moves nothing
    approved = charge_waiver_approve(acting_user=checker, waiver=waiver, note="Agreed")

    charge.refresh_from_db()
    assert (approved.status, approved.decided_by, approved.decided_on) == (
        "approved",
        checker,
        today_ist(),
    )
    assert (charge.status, charge.waived_amount, charge.amount_in_force) == ("waived", PENAL, 0)
    assert _penal_due(charged["first"]) == 0
    entry = approved.journal_entry
    assert entry.kind == "charge_waiver" and entry.loan_id == loan.pk
    lines = sorted((ln.account.code, ln.debit, ln.credit) for ln in entry.lines.all())
    assert lines == [
        (ledger.CHARGES_RECEIVABLE, D("0.00"), PENAL),
        (ledger.CHARGES_SUSPENSE, PENAL, D("0.00")),
    ]
    assert ledger.account_balance(ledger.CHARGES_RECEIVABLE, loan=loan) == 0
    assert _balanced()
    actions = list(
        AuditEvent.objects.filter(action__startswith="charge.").values_list("action", "actor")
    )
    assert ("charge.waiver_proposed", maker.pk) in actions
    assert ("charge.waived", checker.pk) in actions


def test_the_proposer_cannot_approve_or_reject_and_nothing_is_written(charged):
    maker = staff(FINANCE)
    waiver = _propose(charged["charge"], by=maker)
    before, events = money_snapshot(charged["loan"]), AuditEvent.objects.count()

    for decide in (charge_waiver_approve, charge_waiver_reject):
        with pytest.raises(DomainError) as refused:
            decide(acting_user=maker, waiver=waiver, note="mine")
        assert refused.value.code == "maker_checker"

    assert money_snapshot(charged["loan"]) == before
    assert ChargeWaiver.objects.get(pk=waiver.pk).status == "proposed"
    assert Charge.objects.get(pk=charged["charge"].pk).status == "in_force"
    denied = AuditEvent.objects.filter(outcome="denied").order_by("id")
    assert AuditEvent.objects.count() == events + 2
    assert [e.action for e in denied] == [
        "charge.waiver_approve_refused",
        "charge.waiver_reject_refused",
    ]


def test_rejecting_needs_a_reason_and_moves_nothing(charged):
    waiver = _propose(charged["charge"])
    before = money_snapshot(charged["loan"])
    with pytest.raises(DomainError) as no_reason:
        charge_waiver_reject(acting_user=staff(FINANCE), waiver=waiver, note=" ")
    assert no_reason.value.code == "validation_error"

    rejected = charge_waiver_reject(acting_user=staff(FINANCE), waiver=waiver, note="No grounds")

    assert (rejected.status, rejected.decision_note) == ("rejected", "No grounds")
    assert money_snapshot(charged["loan"]) == before
    assert Charge.objects.get(pk=charged["charge"].pk).amount_in_force == PENAL
    with pytest.raises(DomainError) as decided:
        charge_waiver_approve(acting_user=staff(FINANCE), waiver=rejected)
    assert decided.value.code == "invalid_state"


def test_a_partial_waiver_leaves_the_rest_in_force(charged):
    waiver = _propose(charged["charge"], amount=D("200.00"))
    charge_waiver_approve(acting_user=staff(FINANCE), waiver=waiver)
    charge = Charge.objects.get(pk=charged["charge"].pk)
    assert (charge.status, charge.waived_amount, charge.amount_in_force) == (
        "in_force",
        D("200.00"),
        D("300.00"),
    )
    assert _penal_due(charged["first"]) == D("300.00")
    assert ledger.account_balance(ledger.CHARGES_RECEIVABLE, loan=charged["loan"]) == D("300.00")
    # The rest can be waived by a second waiver.
    second = _propose(charge)
    assert second.amount == D("300.00")


def test_waiving_a_paid_charge_moves_the_money_to_the_other_dues(charged):
    loan, first = charged["loan"], charged["first"]
    paid = post_payment(loan, amount=PENAL + D("100.00"), paid_on=today_ist())
    assert paid.penal == PENAL
    income_before = ledger.account_balance(ledger.PENAL_INCOME, loan=loan)

    charge_waiver_approve(acting_user=staff(FINANCE), waiver=_propose(charged["charge"]))

    paid = Payment.objects.get(pk=paid.pk)
    assert paid.penal == 0 and paid.interest + paid.principal == PENAL + D("100.00")
    adjustment = JournalEntry.objects.get(loan=loan, kind="payment_adjustment")
    assert adjustment.reference == paid.utr
    assert ledger.account_balance(ledger.PENAL_INCOME, loan=loan) == income_before + PENAL
    assert ledger.account_balance(ledger.CHARGES_RECEIVABLE, loan=loan) == 0
    assert ledger.account_balance(ledger.CHARGES_SUSPENSE, loan=loan) == 0
    assert _penal_due(first) == 0
    assert _balanced()


def test_waiving_the_penal_of_a_closed_loan_credits_the_borrower(charged):
    loan = charged["loan"]
    quote = foreclosure_quote(loan, as_of=today_ist())
    assert quote.penal == PENAL
    post_payment(loan, amount=quote.total, paid_on=today_ist())
    assert credit_balance(loan) == 0
    assert Loan.objects.get(pk=loan.pk).status in ("closed", "foreclosed")

    charge_waiver_approve(acting_user=staff(FINANCE), waiver=_propose(charged["charge"]))

    assert credit_balance(loan) == PENAL
    assert Loan.objects.get(pk=loan.pk).status in ("closed", "foreclosed")
    assert _balanced()


def test_refusals_write_nothing(charged):
    charge = charged["charge"]
    before = money_snapshot(charged["loan"])
    cases = [
        (staff(LOAN_OFFICER), {}, "permission_denied"),
        (staff(FINANCE), {"amount": D("500.01")}, "validation_error"),
        (staff(FINANCE), {"amount": D("0")}, "validation_error"),
        (staff(FINANCE), {"amount": "12.345"}, "validation_error"),
    ]
    for who, kwargs, code in cases:
        with pytest.raises(DomainError) as refused:
            _propose(charge, by=who, **kwargs)
        assert refused.value.code == code
    with pytest.raises(DomainError) as no_reason:
        charge_waiver_propose(acting_user=staff(FINANCE), charge=charge, reason="")
    assert no_reason.value.code == "validation_error"
    _propose(charge)
    with pytest.raises(DomainError) as second:
        _propose(charge)
    assert second.value.code == "invalid_state"
    assert ChargeWaiver.objects.count() == 1
    assert money_snapshot(charged["loan"]) == before


def test_a_void_charge_cannot_be_waived_and_a_pending_waiver_of_it_fails():
    today = today_ist()
    loan = active_loan(disbursed_on=today - timedelta(days=40))
    first = loan.installments.order_by("number").first()
    charge = levy_penal(loan, number=1, amount=PENAL, charged_on=today - timedelta(days=1))
    pending = _propose(charge, amount=D("100.00"))
    # Recorded today, dated a week back: the installment was paid before the charge's date.
    post_payment(
        loan,
        amount=first.principal_due + first.interest_due,
        paid_on=max(first.due_date, today - timedelta(days=7)),
        business_date=today,
    )
    charge.refresh_from_db()
    assert charge.status == "reversed"
    with pytest.raises(DomainError) as refused:
        charge_waiver_approve(acting_user=staff(FINANCE), waiver=pending)
    assert refused.value.code == "invalid_state"
    with pytest.raises(DomainError) as again:
        _propose(charge)
    assert again.value.code == "invalid_state"


def test_a_partly_waived_charge_that_turns_out_void_reverses_only_what_is_left():
    today = today_ist()
    loan = active_loan(disbursed_on=today - timedelta(days=40))
    first = loan.installments.order_by("number").first()
    charge = levy_penal(loan, number=1, amount=PENAL, charged_on=today - timedelta(days=1))
    charge_waiver_approve(acting_user=staff(FINANCE), waiver=_propose(charge, amount=D("150")))
    post_payment(
        loan,
        amount=first.principal_due + first.interest_due,
        paid_on=max(first.due_date, today - timedelta(days=7)),
        business_date=today,
    )
    charge.refresh_from_db()
    assert (charge.status, charge.amount_in_force) == ("reversed", 0)
    reversal = charge.journal_entry.reversed_by
    assert reversal.kind == "charge_reversal"
    assert sum(ln.debit for ln in reversal.lines.all()) == D("350.00")
    assert ledger.account_balance(ledger.CHARGES_RECEIVABLE, loan=loan) == 0
    assert ledger.account_balance(ledger.CHARGES_SUSPENSE, loan=loan) == 0
    assert _balanced()


def test_the_waiver_clears_the_last_arrear_and_the_loan_is_current_at_once():
    """Only the penal charge is left overdue: waiving it makes the loan current with a
    history row and the case resolved (collection listens to charge.waived)."""
    from collection.dayend import day_end_run

    today = today_ist()
    loan = active_loan(disbursed_on=today - timedelta(days=40))
    first = loan.installments.order_by("number").first()
    day = first.due_date
    while day < today:
        day_end_run(business_date=day)
        day += timedelta(days=1)
    charge = Charge.objects.get(loan=loan)
    post_payment(loan, amount=first.principal_due + first.interest_due, paid_on=today)
    loan = Loan.objects.get(pk=loan.pk)
    assert loan.dpd > 0  # the penal charge is still overdue
    charge_waiver_approve(acting_user=staff(FINANCE), waiver=_propose(charge))
    loan = Loan.objects.get(pk=loan.pk)
    assert (loan.dpd, loan.bucket) == (0, "current")
    assert not CollectionCase.objects.filter(loan=loan, status="open").exists()
    row = BucketHistory.objects.filter(loan=loan).latest("business_date")
    assert row.to_bucket == "current" and "waiver" in row.cause


def test_the_statement_shows_the_waiver_and_still_reconciles(charged):
    loan = charged["loan"]
    charge_waiver_approve(
        acting_user=staff(FINANCE), waiver=_propose(charged["charge"], amount=D("200.00"))
    )
    statement = statement_build(Loan.objects.get(pk=loan.pk))
    kinds = [(r.kind, r.amount) for r in statement.rows if r.kind in ("charge", "waiver")]
    assert kinds == [("charge", PENAL), ("waiver", D("-200.00"))]
    loan = Loan.objects.get(pk=loan.pk)
    owed = loan.principal_outstanding + sum(
        (
            i.interest_due - i.interest_paid + i.penal_due - i.penal_paid
            for i in loan.installments.filter(due_date__lte=today_ist())
        ),
        D("0.00"),
    )
    assert statement.rows[-1].balance == owed
    assert not Payment.objects.exists()


def test_the_day_end_never_levies_a_waived_charge_again():
    """Waived in full while the installment is still overdue: the night's run finds the
    charge (not in force, still recorded) and levies nothing on that installment."""
    from collection.dayend import day_end_run

    today = today_ist()
    loan = active_loan(disbursed_on=today - timedelta(days=40))
    first = loan.installments.order_by("number").first()
    day_end_run(business_date=today - timedelta(days=2))
    charge = Charge.objects.get(loan=loan)
    charge_waiver_approve(acting_user=staff(FINANCE), waiver=_propose(charge))
    assert Installment.objects.get(pk=first.pk).outstanding > 0  # still overdue

    day_end_run(business_date=today - timedelta(days=1))

    assert list(Charge.objects.filter(loan=loan).values_list("pk", "status")) == [
        (charge.pk, "waived")
    ]
    assert Installment.objects.get(pk=first.pk).penal_due == 0
    loan = Loan.objects.get(pk=loan.pk)
    assert loan.dpd > 0 and CollectionCase.objects.get(loan=loan).status == "open"
