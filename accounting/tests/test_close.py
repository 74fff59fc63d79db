"""The month-end close on real loans (made through the services), against hand-computed
figures and against the per-loan Python rules (accounting/tests/helpers.py)."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accounting.close.job import month_end_run
from accounting.models import MonthEndRun, ProvisionDetail, RunKind
from accounting.rules import interest_earned
from accounting.selectors import trial_balance
from accounting.services import collateral_record
from accounting.tests.helpers import balance, books_snapshot, income, periods
from accounts.roles import CREDIT_MANAGER
from accounts.tests.factories import staff
from collection.dayend import day_end_run
from collection.models import BucketHistory
from collection.tests.dayend_helpers import loan_due, pay
from lendingsite.errors import DomainError
from loans import ledger

pytestmark = pytest.mark.django_db

D = Decimal
DISBURSED = date(2026, 1, 15)
JAN, FEB = date(2026, 1, 31), date(2026, 2, 28)


def close(day: date):
    return month_end_run(business_date=day, chunk_size=2)


def test_a_month_of_accrual_on_a_known_loan():
    loan = loan_due(DISBURSED)  # ₹1,00,000, 14 %, 12 months, due the 15th
    first = loan.installments.get(number=1)
    assert first.interest_due == D("1166.67")  # 1,00,000 x 14 % / 12
    run = close(JAN)
    # 16 of the 31 days of 15 Jan -> 15 Feb: 116667 x 16 / 31 = 60215.22 paise.
    assert balance(ledger.INTEREST_RECEIVABLE, loan) == D("602.15")
    assert income(loan) == D("602.15")
    assert run.counts["accrual"]["accrued"] == {"entries": 1, "amount": "602.15"}
    # February: the first installment in full, 13 of the 28 days of the second.
    second = loan.installments.get(number=2)
    expected = D("1166.67") + (second.interest_due * 100 * 13 // 28) / 100
    close(FEB)
    assert income(loan) == expected
    # The payment of the first installment's interest cleared the receivable, not income.
    pay(loan, first.outstanding, on=date(2026, 2, 15))
    assert income(loan) == expected
    assert balance(ledger.INTEREST_RECEIVABLE, loan) == expected - D("1166.67")


def test_accrual_on_demand_for_any_date_then_the_close_posts_only_the_rest():
    loan = loan_due(DISBURSED)
    month_end_run(business_date=date(2026, 1, 25), kind=RunKind.ACCRUAL)
    assert income(loan) == (D("116667") * 10 // 31) / 100
    close(JAN)
    assert income(loan) == D("602.15")


def _npa_loan():
    """Nothing paid: 91 days past the 15 Feb due date on 16 May, NPA at that day-end."""
    loan = loan_due(DISBURSED)
    close(JAN)
    close(FEB)
    day_end_run(business_date=date(2026, 5, 16))
    loan = type(loan).objects.get(pk=loan.pk)
    assert loan.bucket == "NPA"
    return loan


def test_npa_reverses_accrued_interest_into_suspense_and_collection_is_income():
    loan = _npa_loan()
    accrued = income(loan)
    close(date(2026, 5, 31))
    # Accrual stopped; what was accrued and not collected left income, into suspense.
    assert balance(ledger.INTEREST_SUSPENSE, loan) == -accrued
    assert income(loan) == D("0.00")
    assert balance(ledger.INTEREST_RECEIVABLE, loan) == accrued  # reversed, not deleted
    # A collection on the NPA: the interest it paid is income when received.
    payment = pay(loan, D("3000.00"), on=date(2026, 6, 10))
    paid_interest = type(payment).objects.get(pk=payment.pk).interest
    assert paid_interest > 0
    close(date(2026, 6, 30))
    assert income(loan) == paid_interest
    assert -balance(ledger.INTEREST_SUSPENSE, loan) == max(accrued - paid_interest, D(0))


def test_upgrade_resumes_accrual_and_income_is_what_was_earned():
    loan = _npa_loan()
    close(date(2026, 5, 31))
    arrears = sum(r.outstanding for r in loan.installments.filter(due_date__lte="2026-07-10"))
    pay(loan, arrears, on=date(2026, 7, 10))
    day_end_run(business_date=date(2026, 7, 10))
    loan = type(loan).objects.get(pk=loan.pk)
    assert loan.bucket == "current"
    close(date(2026, 7, 31))
    earned = interest_earned(periods(loan), date(2026, 7, 31))
    paid = sum(r.interest_paid for r in loan.installments.all())
    assert income(loan) == earned
    assert balance(ledger.INTEREST_SUSPENSE, loan) == D("0.00")
    assert balance(ledger.INTEREST_RECEIVABLE, loan) == earned - paid


def test_provision_of_a_doubtful_loan_with_security():
    loan = loan_due(date(2023, 1, 15), amount="100000.00")
    # NPA since 31 May 2024: on 31 May 2026 two years in NPA, one of them doubtful (D1);
    # a year more puts it in D2. Exposure is principal + interest recognised, not collected.
    BucketHistory.objects.create(
        loan=loan, business_date=date(2023, 5, 31), from_bucket="SMA-2", to_bucket="NPA", dpd=91
    )
    type(loan).objects.filter(pk=loan.pk).update(bucket="NPA", dpd=1200)
    # Recorded by an officer in the console (the service the form calls).
    collateral_record(
        acting_user=staff(CREDIT_MANAGER),
        loan=loan,
        kind="property",
        realisable_value=D("60000.00"),
        valued_on=date(2026, 1, 1),
        business_date=date(2026, 5, 31),
    )
    run = close(date(2026, 5, 31))
    detail = ProvisionDetail.objects.get(run=run, loan=loan)
    exposure = balance(ledger.LOAN_PORTFOLIO, loan)  # nothing accrued: the loan was NPA
    assert detail.asset_class == "d2"  # 1096 days in NPA: 731 doubtful
    assert detail.exposure == exposure == D("100000.00")
    assert detail.secured == D("60000.00") and detail.unsecured == D("40000.00")
    # 30 % of the secured part + 100 % of the unsecured part (PROVISION_RATES defaults).
    assert detail.required == D("58000.00") == -balance(ledger.LOAN_LOSS_PROVISION, loan)
    assert balance(ledger.PROVISION_EXPENSE) == D("58000.00")


def test_the_provision_moves_by_the_difference_and_is_written_back():
    loan = loan_due(DISBURSED)
    close(JAN)
    exposure = D("100000.00") + D("602.15")
    first = -balance(ledger.LOAN_LOSS_PROVISION, loan)
    assert first == (exposure * D("0.40") / 100).quantize(D("0.01"), rounding="ROUND_CEILING")
    pay(loan, D("50000.00"), on=date(2026, 2, 10))
    run = close(FEB)
    detail = ProvisionDetail.objects.get(run=run, loan=loan)
    assert detail.held_before == first and detail.posted == detail.required - first
    assert detail.posted < 0  # the exposure fell: written back
    assert -balance(ledger.LOAN_LOSS_PROVISION, loan) == detail.required


def test_the_close_run_twice_is_a_no_op_and_the_books_balance():
    loans = [loan_due(DISBURSED) for _ in range(5)]
    pay(loans[0], D("5000.00"), on=date(2026, 1, 20))
    close(JAN)
    before = books_snapshot()
    again = close(JAN)
    assert again.outcome == "already_completed"
    assert books_snapshot() == before
    tb = trial_balance(as_of=JAN)
    assert tb["balanced"] and tb["total_debit"] > 0


def test_a_close_killed_mid_way_resumes_to_the_same_result(monkeypatch):
    from django.db import transaction

    from accounting.close import sql

    loans = [loan_due(DISBURSED) for _ in range(5)]
    pay(loans[1], D("2000.00"), on=date(2026, 1, 20))
    sid = transaction.savepoint()
    close(JAN)
    clean = books_snapshot()
    transaction.savepoint_rollback(sid)
    MonthEndRun.objects.all().delete()

    real, calls = sql.provision_step, []

    def dies_on_the_second_chunk(cur, p, **kwargs):
        calls.append(p.lo)
        if len(calls) == 2:
            raise RuntimeError("worker killed")
        return real(cur, p, **kwargs)

    monkeypatch.setattr(sql, "provision_step", dies_on_the_second_chunk)
    with pytest.raises(RuntimeError, match="worker killed"):
        close(JAN)
    run = MonthEndRun.objects.get()
    assert run.status == "failed" and run.chunks.filter(done=True).count() == 1
    monkeypatch.setattr(sql, "provision_step", real)
    resumed = close(JAN)
    assert resumed.outcome == "resumed" and resumed.status == "completed"
    assert books_snapshot() == clean


def test_refusals():
    with pytest.raises(DomainError, match="not the last day"):
        close(date(2026, 1, 30))
    close(FEB)
    with pytest.raises(DomainError, match="later month-end"):
        close(JAN)


def test_the_command(capsys):
    loan_due(DISBURSED)
    call_command("run_month_end", "--date", "2026-01-31")
    assert "close for 2026-01-31 completed" in capsys.readouterr().out
    call_command("run_month_end", "--date", "2026-01-31")
    assert "already completed" in capsys.readouterr().out
    with pytest.raises(CommandError, match="refused"):
        call_command("run_month_end", "--date", "2026-02-27")


def test_an_accrual_before_a_close_is_refused():
    close(JAN)
    with pytest.raises(DomainError, match="closed on 2026-01-31"):
        month_end_run(business_date=date(2026, 1, 20), kind=RunKind.ACCRUAL)


def test_the_celery_path_gives_the_same_books_and_the_kill_switch_stops_it(settings):
    from accounting import tasks

    loans = [loan_due(DISBURSED) for _ in range(3)]
    settings.MONTH_END_ENABLED = False
    assert tasks.month_end_beat.delay("2026-01-31").get() is None
    assert not MonthEndRun.objects.exists()
    settings.MONTH_END_ENABLED = True
    run_id = tasks.month_end_dispatch(business_date=JAN, chunk_size=1)
    run = MonthEndRun.objects.get(pk=run_id)
    assert run.status == "completed" and run.chunks.count() >= 3
    assert sum(income(loan) for loan in loans) == 3 * D("602.15")
