"""Real concurrency on PostgreSQL: threads with their own connections, started together by
a barrier. One UTR posted twenty times gives one payment; twenty different payments to one
loan are all applied exactly once with exact balances."""

import threading
from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.db.models import Sum

from accounts.models import AuditEvent
from accounts.roles import FINANCE
from accounts.tests.factories import staff
from lendingsite.errors import DomainError
from loans import ledger
from loans.models import Installment, JournalLine, Loan
from loans.tests.factories import active_loan
from repayments import engine
from repayments.models import Payment, PaymentAllocation
from repayments.selectors import engine_rows, loan_terms
from repayments.services.payments import payment_post

D = Decimal
THREADS = 20
DISBURSED = date(2026, 1, 10)
TODAY = date(2026, 3, 15)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _run_together(jobs):
    """Run each job in its own thread with its own connection; all start at once."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def work(index, job):
        try:
            barrier.wait(timeout=30)
            results[index] = ("ok", job())
        except DomainError as error:
            results[index] = (error.code, None)
        except Exception as error:
            results[index] = ("crash", repr(error))
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert not any(thread.is_alive() for thread in threads)
    return results


def _poster_job(user_id, loan_id, amount, paid_on, utr):
    def job():
        from accounts.models import User

        return payment_post(
            acting_user=User.objects.get(pk=user_id),
            loan=Loan.objects.get(pk=loan_id),
            amount=amount,
            paid_on=paid_on,
            channel="imps",
            utr=utr,
            business_date=TODAY,
        ).pk

    return job


def test_one_utr_posted_twenty_times_at_once_is_one_payment():
    loan = active_loan(disbursed_on=DISBURSED, tenure=12)
    poster = staff(FINANCE)
    results = _run_together(
        [_poster_job(poster.pk, loan.pk, D("1000.00"), TODAY, "SAME-UTR-1") for _ in range(THREADS)]
    )
    codes = Counter(code for code, _ in results)
    assert codes == {"ok": 1, "duplicate_utr": THREADS - 1}, results
    assert Payment.objects.filter(utr="SAME-UTR-1").count() == 1
    assert JournalLine.objects.filter(entry__kind="payment").count() == 2  # bank + interest
    loan = Loan.objects.get(pk=loan.pk)
    assert loan.principal_outstanding == ledger.account_balance(ledger.LOAN_PORTFOLIO, loan=loan)
    assert (
        AuditEvent.objects.filter(action="payment.post_refused", outcome="denied").count()
        == THREADS - 1
    )


def test_one_utr_on_different_loans_at_once_is_one_payment():
    """No shared loan lock to queue behind: the unique constraint decides the race."""
    loans = [active_loan(disbursed_on=DISBURSED, tenure=6) for _ in range(4)]
    poster = staff(FINANCE)
    results = _run_together(
        [
            _poster_job(poster.pk, loans[i % 4].pk, D("500.00"), TODAY, "SAME-UTR-2")
            for i in range(THREADS)
        ]
    )
    assert Counter(code for code, _ in results) == {"ok": 1, "duplicate_utr": THREADS - 1}
    assert Payment.objects.filter(utr="SAME-UTR-2").count() == 1
    assert Payment.objects.count() == 1
    for loan in Loan.objects.all():
        assert loan.principal_outstanding == ledger.account_balance(
            ledger.LOAN_PORTFOLIO, loan=loan
        )


def test_twenty_different_payments_to_one_loan_are_each_applied_once():
    loan = active_loan(disbursed_on=DISBURSED, tenure=12)
    poster = staff(FINANCE)
    # Different amounts and dates within the backdating window, so some land before others
    # already posted and force a full replay with adjustment entries.
    plan = [
        (D(700 + 37 * i) + D(i) / 100, TODAY - timedelta(days=i % 5), f"CONC-{i:03d}")
        for i in range(THREADS)
    ]
    results = _run_together(
        [_poster_job(poster.pk, loan.pk, amount, day, utr) for amount, day, utr in plan]
    )
    assert Counter(code for code, _ in results) == {"ok": THREADS}, results
    payments = list(Payment.objects.filter(loan=loan))
    assert sorted(p.utr for p in payments) == sorted(utr for _, _, utr in plan)

    loan = Loan.objects.get(pk=loan.pk)
    repaid = PaymentAllocation.objects.filter(payment__loan=loan).aggregate(p=Sum("principal"))
    assert loan.principal_outstanding == ledger.account_balance(ledger.LOAN_PORTFOLIO, loan=loan)
    assert loan.principal_outstanding == loan.principal - repaid["p"]
    for payment in payments:
        allocated = PaymentAllocation.objects.filter(payment=payment).aggregate(
            t=Sum("penal") + Sum("fees") + Sum("interest") + Sum("principal")
        )["t"]
        assert payment.amount == (allocated or 0) + payment.excess

    # A sequential replay of the same payments (in the engine's order) gives the same loan.
    terms = loan_terms(loan)
    events = [engine.PaymentEvent(p.pk, p.amount, p.paid_on) for p in payments]
    sequential = engine.replay(engine.original_rows(terms), events, terms)
    assert loan.principal_outstanding == sequential.principal_outstanding
    stored = engine_rows(Installment.objects.filter(loan=loan).order_by("number"))
    assert [(r.number, r.due_date, r.principal_paid, r.interest_paid) for r in stored] == [
        (r.number, r.due_date, r.principal_paid, r.interest_paid) for r in sequential.rows
    ]
    for payment in payments:
        expected = sequential.allocations[payment.pk].as_dict()
        assert {k: getattr(payment, k) for k in expected} == expected
    per_entry = (
        JournalLine.objects.values("entry_id")
        .annotate(dr=Sum("debit"), cr=Sum("credit"))
        .order_by()
    )
    assert all(row["dr"] == row["cr"] for row in per_entry)


def test_an_exit_asked_for_ten_times_at_once_is_one_request():
    from repayments.models import ExitRequest
    from repayments.services.exits import exit_request_open

    loan = active_loan(disbursed_on=DISBURSED)
    asked = DISBURSED + timedelta(days=1)

    def job():
        from accounts.models import User

        request, _ = exit_request_open(
            acting_user=User.objects.get(pk=loan.borrower_id),
            loan=Loan.objects.get(pk=loan.pk),
            business_date=asked,
        )
        return request.pk

    results = _run_together([job for _ in range(10)])
    assert {outcome for outcome, _ in results} == {"ok"}
    [only] = ExitRequest.objects.filter(loan=loan)
    assert {pk for _, pk in results} == {only.pk}
    assert AuditEvent.objects.filter(action="exit_request.opened").count() == 1
