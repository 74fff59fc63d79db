"""Cooling-off exits (repayments.services.exits): asking fixes the amount and moves no
money; the loan is cancelled only by a payment that pays it off by the pay-by date (posted
by finance or delivered by a signed webhook); unpaid requests lapse; a reversal of the
exit payment takes the cancellation back."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db.models import Sum
from hypothesis import given, settings
from hypothesis import strategies as st

from accounts.models import AuditEvent
from accounts.roles import FINANCE, LOAN_OFFICER
from accounts.tests.factories import staff
from lendingsite.errors import DomainError
from lendingsite.periodic import declared_periodic_tasks
from loans import ledger
from loans.models import Installment, JournalEntry, JournalLine, Loan, LoanStatus
from loans.schedule import ScheduleTerms
from loans.services.loans import cooling_off_amount
from loans.tests.factories import ProductFactory, active_loan, kyc_verified_borrower
from repayments import engine
from repayments.models import ExitRequest, ExitRequestStatus, Payment, PaymentAllocation
from repayments.selectors import credit_balance, foreclosure_quote
from repayments.selectors.exits import exit_amounts
from repayments.services.exits import exit_request_open, exit_requests_lapse
from repayments.tasks import lapse_exit_requests
from repayments.tests.factories import (
    money_snapshot,
    open_exit,
    post_payment,
    reverse_payment,
)

pytestmark = pytest.mark.django_db

D0 = date(2026, 1, 15)  # disbursed; 3 cooling-off days: until 18 Jan
ASKED = date(2026, 1, 16)
PAY_BY = date(2026, 1, 19)  # 3 days after asking
LAKH = Decimal("100000.00")


def fresh(loan) -> Loan:
    return Loan.objects.get(pk=loan.pk)


def events(action: str, target) -> list[AuditEvent]:
    return list(
        AuditEvent.objects.filter(
            action=action, target_type=target._meta.label_lower, target_id=str(target.pk)
        ).order_by("id")
    )


def assert_ledger_balanced() -> None:
    totals = JournalLine.objects.aggregate(dr=Sum("debit"), cr=Sum("credit"))
    assert totals["dr"] == totals["cr"]
    for entry in JournalEntry.objects.all():
        lines = entry.lines.aggregate(dr=Sum("debit"), cr=Sum("credit"))
        assert lines["dr"] == lines["cr"], entry.kind


def assert_loan_consistent(loan: Loan) -> None:
    """DESIGN §6 for one loan: portfolio = principal outstanding = principal - principal
    allocations of posted payments; each posted payment = its allocations + excess."""
    loan = fresh(loan)
    assert ledger.account_balance(ledger.LOAN_PORTFOLIO, loan=loan) == loan.principal_outstanding
    posted = Payment.objects.filter(loan=loan, status="posted")
    repaid = PaymentAllocation.objects.filter(payment__in=posted).aggregate(s=Sum("principal"))
    assert loan.principal_outstanding == loan.principal - (repaid["s"] or Decimal("0.00"))
    for payment in posted:
        parts = payment.allocations.aggregate(
            p=Sum("principal"), i=Sum("interest"), n=Sum("penal"), f=Sum("fees")
        )
        allocated = sum((v or Decimal("0.00")) for v in parts.values())
        assert payment.amount == allocated + payment.excess


# --- asking ---------------------------------------------------------------------------


def test_asking_fixes_the_amount_to_the_pay_by_date_and_moves_nothing():
    loan = active_loan(disbursed_on=D0)
    before = money_snapshot(loan)
    request = open_exit(loan, on=ASKED)
    # 1,00,000 x 14% x 4/365 (15 Jan to 19 Jan) = 153.42
    assert (request.requested_on, request.pay_by) == (ASKED, PAY_BY)
    assert (request.principal, request.interest, request.amount) == (
        LAKH,
        Decimal("153.42"),
        Decimal("100153.42"),
    )
    assert request.amount == cooling_off_amount(loan, on=PAY_BY)["total"]
    assert request.status == ExitRequestStatus.OPEN and request.payment is None
    assert request.reference == f"LS-{loan.pk}-EXIT-{request.pk}"
    assert request.requested_by == loan.borrower
    # Nothing about the loan or the books changed.
    assert money_snapshot(loan) == before
    assert fresh(loan).status == LoanStatus.ACTIVE
    [event] = events("exit_request.opened", request)
    assert event.actor == loan.borrower
    assert event.after["amount"] == "100153.42" and event.after["pay_by"] == "2026-01-19"


@pytest.mark.parametrize("asked_days_after", [0, 1, 2, 3])
def test_the_amount_is_the_rules_for_the_pay_by_date(asked_days_after):
    loan = active_loan(disbursed_on=D0, amount=Decimal("250000.00"))
    asked = D0 + timedelta(days=asked_days_after)
    request = open_exit(loan, on=asked)
    rule = cooling_off_amount(loan, on=asked + timedelta(days=3))
    assert (request.principal, request.interest, request.amount) == (
        rule["principal"],
        rule["interest"],
        rule["total"],
    )
    # The page's and the API's table: the rule's amount for every day up to pay-by.
    table = exit_amounts(request, today=asked)
    assert [row["on"] for row in table] == [asked + timedelta(days=n) for n in range(4)]
    for row in table:
        assert row["total"] == cooling_off_amount(loan, on=row["on"])["total"]
    assert table[-1]["total"] == request.amount


def test_the_pay_by_date_follows_the_setting_and_stays_before_the_first_due_date(settings):
    settings.EXIT_REQUEST_VALID_DAYS = 5
    loan = active_loan(disbursed_on=D0)
    assert open_exit(loan, on=ASKED).pay_by == ASKED + timedelta(days=5)

    other = active_loan(disbursed_on=D0)
    first = other.installments.get(number=1)
    Installment.objects.filter(pk=first.pk).update(due_date=ASKED + timedelta(days=2))
    assert open_exit(other, on=ASKED).pay_by == ASKED + timedelta(days=1)


def test_asking_again_returns_the_open_request_and_writes_nothing():
    loan = active_loan(disbursed_on=D0)
    first, created = exit_request_open(acting_user=loan.borrower, loan=loan, business_date=ASKED)
    again, created_again = exit_request_open(
        acting_user=loan.borrower, loan=loan, business_date=PAY_BY
    )
    assert created and not created_again
    assert again.pk == first.pk and again.amount == first.amount
    assert ExitRequest.objects.filter(loan=loan).count() == 1
    assert len(events("exit_request.opened", first)) == 1


def test_the_database_holds_one_open_request_per_loan():
    from django.db import IntegrityError, transaction

    loan = active_loan(disbursed_on=D0)
    request = open_exit(loan, on=ASKED)
    with pytest.raises(IntegrityError), transaction.atomic():
        ExitRequest.objects.create(
            loan=loan,
            requested_on=ASKED,
            pay_by=PAY_BY,
            requested_by=loan.borrower,
            principal=request.principal,
            interest=request.interest,
            amount=request.amount,
        )


@pytest.mark.parametrize(
    ("asked", "why"),
    [(D0 + timedelta(days=4), "ended on"), (D0 - timedelta(days=1), "cannot be earlier")],
)
def test_outside_the_cooling_off_period_nothing_is_written(asked, why):
    loan = active_loan(disbursed_on=D0)
    with pytest.raises(DomainError) as exc:
        open_exit(loan, on=asked)
    assert why in exc.value.detail
    assert not ExitRequest.objects.exists()
    [denied] = events("exit_request.open_refused", loan)
    assert denied.outcome == "denied" and denied.after["code"] == exc.value.code


def test_not_after_a_repayment():
    loan = active_loan(disbursed_on=D0)
    post_payment(loan, amount=Decimal("500.00"), paid_on=ASKED)
    with pytest.raises(DomainError) as exc:
        open_exit(loan, on=ASKED)
    assert exc.value.code == "invalid_state" and "foreclosure" in exc.value.detail
    assert not ExitRequest.objects.exists()


def test_only_the_borrower_asks():
    loan = active_loan(disbursed_on=D0)
    with pytest.raises(DomainError) as other:
        exit_request_open(acting_user=kyc_verified_borrower(), loan=loan, business_date=ASKED)
    assert other.value.code == "not_found"
    with pytest.raises(DomainError) as officer:
        exit_request_open(acting_user=staff(FINANCE), loan=loan, business_date=ASKED)
    assert officer.value.code == "permission_denied"
    assert not ExitRequest.objects.exists()


# --- the money arrives ------------------------------------------------------------------


def test_a_matching_payment_posted_by_finance_cancels_the_loan():
    loan = active_loan(disbursed_on=D0)
    request = open_exit(loan, on=ASKED)
    finance = staff(FINANCE)
    payment = post_payment(
        loan, amount=request.amount, paid_on=PAY_BY, utr="NEFT-EXIT-1", acting_user=finance
    )
    loan = fresh(loan)
    request = ExitRequest.objects.get(pk=request.pk)
    assert loan.status == LoanStatus.CANCELLED and loan.closed_on == PAY_BY
    assert loan.principal_outstanding == Decimal("0.00")
    assert request.status == ExitRequestStatus.COMPLETED
    assert (request.payment, request.completed_on) == (payment, PAY_BY)
    # The payment is the evidence and the only money entry: Dr Bank, Cr Portfolio, Cr
    # Interest Receivable; on accrual basis the interest is then brought to income at once
    # (the loan left the book: loans.ledger.interest_true_up), nothing left receivable.
    assert (payment.principal, payment.interest, payment.excess) == (
        LAKH,
        Decimal("153.42"),
        Decimal("0.00"),
    )
    kinds = JournalEntry.objects.filter(loan=loan).order_by("id").values_list("kind", flat=True)
    assert list(kinds) == ["disbursement", "payment", "interest_accrual"]
    assert ledger.account_balance(ledger.INTEREST_RECEIVABLE, loan=loan) == Decimal("0.00")
    assert -ledger.account_balance(ledger.INTEREST_INCOME, loan=loan) == payment.interest
    assert ledger.account_balance(ledger.LOAN_PORTFOLIO, loan=loan) == Decimal("0.00")
    assert ledger.account_balance(ledger.BANK, loan=loan) == request.amount - loan.net_disbursed
    assert_ledger_balanced()
    assert_loan_consistent(loan)
    [cancelled] = events("loan.cancelled", loan)
    [completed] = events("exit_request.completed", request)
    assert cancelled.actor == completed.actor == finance
    assert cancelled.after["utr"] == "NEFT-EXIT-1" and cancelled.after["exit_request"] == request.pk
    assert completed.after["payment"] == payment.pk
    assert cancelled.id < completed.id


def test_paying_early_charges_interest_only_to_that_day_and_credits_the_rest():
    loan = active_loan(disbursed_on=D0)
    request = open_exit(loan, on=ASKED)
    payment = post_payment(loan, amount=request.amount, paid_on=ASKED)
    # One day held: 38.36 interest; the 115.06 asked for the days up to pay-by is credit.
    assert (payment.interest, payment.excess) == (Decimal("38.36"), Decimal("115.06"))
    assert fresh(loan).status == LoanStatus.CANCELLED
    assert credit_balance(loan) == Decimal("115.06")
    assert_ledger_balanced()
    assert_loan_consistent(loan)


def test_paying_the_exact_amount_of_the_day_leaves_no_credit():
    loan = active_loan(disbursed_on=D0)
    open_exit(loan, on=ASKED)
    due = cooling_off_amount(loan, on=date(2026, 1, 17))
    payment = post_payment(loan, amount=due["total"], paid_on=date(2026, 1, 17))
    assert (payment.interest, payment.excess) == (due["interest"], Decimal("0.00"))
    assert fresh(loan).status == LoanStatus.CANCELLED


def test_a_smaller_payment_does_not_cancel_and_a_top_up_does():
    loan = active_loan(disbursed_on=D0)
    request = open_exit(loan, on=ASKED)
    short = post_payment(loan, amount=request.amount - Decimal("1000.00"), paid_on=ASKED)
    loan = fresh(loan)
    request = ExitRequest.objects.get(pk=request.pk)
    # Not lost, not half-cancelled: a part-prepayment on an active loan, request still open.
    assert loan.status == LoanStatus.ACTIVE and loan.closed_on is None
    assert short.principal > 0 and short.excess == Decimal("0.00")
    assert request.status == ExitRequestStatus.OPEN and request.payment is None
    assert not events("loan.cancelled", loan)
    assert_loan_consistent(loan)
    # What is left that day pays the loan off and completes the exit.
    left = exit_amounts(request, today=ASKED)[0]["total"]
    assert left == foreclosure_quote(loan, as_of=ASKED).total < Decimal("1000.00")
    top_up = post_payment(loan, amount=left, paid_on=ASKED)
    request = ExitRequest.objects.get(pk=request.pk)
    assert fresh(loan).status == LoanStatus.CANCELLED
    assert request.status == ExitRequestStatus.COMPLETED and request.payment == top_up
    assert_ledger_balanced()
    assert_loan_consistent(loan)


def test_a_payment_after_the_pay_by_date_does_not_cancel():
    loan = active_loan(disbursed_on=D0)
    request = open_exit(loan, on=ASKED)
    late = PAY_BY + timedelta(days=1)
    assert exit_requests_lapse(business_date=late) == 1
    post_payment(loan, amount=foreclosure_quote(loan, as_of=late).total, paid_on=late)
    request = ExitRequest.objects.get(pk=request.pk)
    assert fresh(loan).status == LoanStatus.FORECLOSED  # closed early, not cancelled
    assert request.status == ExitRequestStatus.LAPSED and request.payment is None
    assert not events("loan.cancelled", loan)


def test_a_payment_dated_on_time_but_posted_after_the_lapse_still_completes():
    loan = active_loan(disbursed_on=D0)
    request = open_exit(loan, on=ASKED)
    exit_requests_lapse(business_date=PAY_BY + timedelta(days=1))
    post_payment(
        loan, amount=request.amount, paid_on=PAY_BY, business_date=PAY_BY + timedelta(days=2)
    )
    request = ExitRequest.objects.get(pk=request.pk)
    assert request.status == ExitRequestStatus.COMPLETED
    assert fresh(loan).status == LoanStatus.CANCELLED


def test_a_payoff_without_an_exit_request_is_a_foreclosure():
    loan = active_loan(disbursed_on=D0)
    post_payment(loan, amount=cooling_off_amount(loan, on=ASKED)["total"], paid_on=ASKED)
    assert fresh(loan).status == LoanStatus.FORECLOSED


def test_a_cancelled_loan_takes_no_more_payments():
    loan = active_loan(disbursed_on=D0)
    request = open_exit(loan, on=ASKED)
    post_payment(loan, amount=request.amount, paid_on=ASKED)
    with pytest.raises(DomainError) as exc:
        post_payment(loan, amount=Decimal("10.00"), paid_on=ASKED)
    assert exc.value.code == "loan_not_active"


# --- lapsing ----------------------------------------------------------------------------


def test_an_unpaid_request_lapses_after_its_last_day_and_nothing_else_is_written():
    loan = active_loan(disbursed_on=D0)
    request = open_exit(loan, on=ASKED)
    assert exit_requests_lapse(business_date=PAY_BY) == 0  # open for the whole last day
    before = money_snapshot()
    audit_before = AuditEvent.objects.count()
    assert exit_requests_lapse(business_date=PAY_BY + timedelta(days=1)) == 1
    request = ExitRequest.objects.get(pk=request.pk)
    assert request.status == ExitRequestStatus.LAPSED
    assert request.lapsed_on == PAY_BY + timedelta(days=1)
    assert money_snapshot() == before
    assert fresh(loan).status == LoanStatus.ACTIVE
    [lapsed] = events("exit_request.lapsed", request)
    assert AuditEvent.objects.count() == audit_before + 1
    assert lapsed.actor is None and lapsed.after["status"] == "lapsed"
    assert exit_requests_lapse(business_date=PAY_BY + timedelta(days=2)) == 0


def test_the_lapse_task_is_declared_and_obeys_the_kill_switch(settings, monkeypatch):
    loan = active_loan(disbursed_on=D0)
    open_exit(loan, on=ASKED)
    monkeypatch.setattr("repayments.tasks.today_ist", lambda: PAY_BY + timedelta(days=1))
    settings.CRON_ENABLED = False
    assert lapse_exit_requests() is None
    assert ExitRequest.objects.get().status == ExitRequestStatus.OPEN
    settings.CRON_ENABLED = True
    assert lapse_exit_requests() == 1
    [spec] = [s for s in declared_periodic_tasks() if s.name == "repayments.lapse_exit_requests"]
    assert spec.task == "repayments.tasks.lapse_exit_requests" and spec.crontab == "10 0 * * *"


def test_asking_again_after_the_date_lapses_the_old_request_first():
    product = ProductFactory(cooling_off_days=10)
    loan = active_loan(disbursed_on=D0, product=product)
    old = open_exit(loan, on=ASKED)
    new = open_exit(loan, on=PAY_BY + timedelta(days=1))  # the job has not run yet
    old = ExitRequest.objects.get(pk=old.pk)
    assert old.status == ExitRequestStatus.LAPSED and new.status == ExitRequestStatus.OPEN
    assert new.pay_by == PAY_BY + timedelta(days=4)
    assert len(events("exit_request.lapsed", old)) == 1


# --- reversal ---------------------------------------------------------------------------


def test_reversing_the_exit_payment_reopens_the_loan_and_the_request():
    loan = active_loan(disbursed_on=D0)
    schedule = list(loan.installments.order_by("number").values_list("due_date", "principal_due"))
    request = open_exit(loan, on=ASKED)
    payment = post_payment(loan, amount=request.amount, paid_on=ASKED)
    checker = staff(FINANCE)
    reverse_payment(payment, acting_user=checker, business_date=date(2026, 1, 17))
    loan = fresh(loan)
    request = ExitRequest.objects.get(pk=request.pk)
    assert loan.status == LoanStatus.ACTIVE and loan.closed_on is None
    assert loan.principal_outstanding == LAKH
    assert (
        list(loan.installments.order_by("number").values_list("due_date", "principal_due"))
        == schedule
    )
    assert request.status == ExitRequestStatus.OPEN and request.payment is None
    assert credit_balance(loan) == Decimal("0.00")
    # The interest earned to the exit date was recognised when the loan was paid off; the
    # reversal makes it owed again (receivable), not unearned (the close accrues on).
    income = -ledger.account_balance(ledger.INTEREST_INCOME, loan=loan)
    assert income == ledger.account_balance(ledger.INTEREST_RECEIVABLE, loan=loan)
    assert income == payment.interest > 0
    assert_ledger_balanced()
    assert_loan_consistent(loan)
    [reopened] = events("exit_request.reopened", request)
    assert reopened.actor == checker and reopened.after["reason"] == "Cheque bounced"
    # The money can still come: another payment by the date completes it.
    again = post_payment(loan, amount=request.amount, paid_on=date(2026, 1, 17))
    request = ExitRequest.objects.get(pk=request.pk)
    assert fresh(loan).status == LoanStatus.CANCELLED and request.payment == again


def test_reversing_it_after_the_pay_by_date_leaves_the_request_lapsed():
    loan = active_loan(disbursed_on=D0)
    request = open_exit(loan, on=ASKED)
    payment = post_payment(loan, amount=request.amount, paid_on=PAY_BY)
    reverse_payment(payment, business_date=PAY_BY + timedelta(days=2))
    request = ExitRequest.objects.get(pk=request.pk)
    assert request.status == ExitRequestStatus.LAPSED
    assert request.lapsed_on == PAY_BY + timedelta(days=2)
    assert fresh(loan).status == LoanStatus.ACTIVE
    assert_loan_consistent(loan)


def test_the_poster_cannot_reverse_the_exit_payment():
    loan = active_loan(disbursed_on=D0)
    request = open_exit(loan, on=ASKED)
    finance = staff(FINANCE)
    payment = post_payment(loan, amount=request.amount, paid_on=ASKED, acting_user=finance)
    with pytest.raises(DomainError) as exc:
        reverse_payment(payment, acting_user=finance, business_date=ASKED)
    assert exc.value.code == "maker_checker"
    assert fresh(loan).status == LoanStatus.CANCELLED
    request = ExitRequest.objects.get(pk=request.pk)
    assert request.status == ExitRequestStatus.COMPLETED


def test_a_loan_officer_cash_payment_completes_it_too():
    loan = active_loan(disbursed_on=D0)
    request = open_exit(loan, on=ASKED)
    post_payment(
        loan, amount=request.amount, paid_on=ASKED, channel="cash", acting_user=staff(LOAN_OFFICER)
    )
    assert fresh(loan).status == LoanStatus.CANCELLED


# --- the two amounts are one rule (no database) ----------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    principal=st.decimals(min_value=Decimal("1000"), max_value=Decimal("5000000"), places=2),
    rate=st.decimals(min_value=Decimal("0"), max_value=Decimal("36"), places=4),
    tenure=st.integers(min_value=1, max_value=60),
    method=st.sampled_from(
        [
            ("declining", "equal_installments"),
            ("flat", "equal_installments"),
            ("declining", "equal_principal"),
        ]
    ),
    period=st.sampled_from(["same_as_repayment", "daily"]),
    frequency=st.sampled_from(["monthly", "weekly", "fortnightly"]),
    multiple=st.sampled_from(["0.01", "1.00"]),
    rounding=st.sampled_from(["half_even", "half_up", "up"]),
    disbursed=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 12, 31)),
    days=st.integers(min_value=0, max_value=40),
)
def test_the_exit_amount_is_what_pays_the_loan_off_until_the_first_due_date(
    principal, rate, tenure, method, period, frequency, multiple, rounding, disbursed, days
):
    """What the borrower is asked to pay (cooling_off_amount) equals what the engine
    forecloses the untouched loan for on every day before the first installment falls due,
    so a payment of the asked amount always pays the loan off (and so completes the exit)."""
    interest_method, amortization = method
    terms = ScheduleTerms(
        principal=principal,
        annual_rate=rate,
        tenure=tenure,
        disbursement_date=disbursed,
        interest_method=interest_method,
        amortization=amortization,
        interest_period=period,
        frequency=frequency,
        installment_multiple=Decimal(multiple),
        rounding=rounding,
        grace_on_principal=0,
    )
    rows = engine.original_rows(
        engine.LoanTerms(
            schedule=terms,
            allocation_strategy=engine.PENAL_FEES_INTEREST_PRINCIPAL,
            prepayment_strategy=engine.REDUCE_TENURE,
        )
    )
    on = disbursed + timedelta(days=days)
    if on >= rows[0].due_date:
        return  # the exit is offered only before the first due date (cooling_off_check)
    loan = Loan(principal=principal, annual_rate=rate, rounding=rounding, disbursed_on=disbursed)
    assert (
        cooling_off_amount(loan, on=on)["total"] == engine.foreclosure_amount(rows, terms, on).total
    )
