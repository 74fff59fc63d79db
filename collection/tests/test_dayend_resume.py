"""Safe to run: a crash mid-run (inside a chunk, between chunks, in the last steps) is
resumed by the next invocation and ends with exactly the database of an uninterrupted run;
the Celery fan-out (a chord of chunk tasks, eager here) gives the same database as the
single-process run; on PostgreSQL two workers sharing a run never do a chunk twice."""

import threading
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection

from accounts.models import AuditEvent
from accounts.roles import COLLECTOR
from accounts.tests.factories import staff
from collection.dayend import day_end_run, job, sql
from collection.models import DayEndChunk, DayEndRun, RunStatus
from collection.tasks import dayend as tasks
from collection.tests.dayend_helpers import (
    loan_due,
    pay_installments,
    snapshot,
    snapshot_then_rollback,
)
from lendingsite.errors import DomainError
from loans.models import Loan
from loans.tests.factories import ProductFactory
from repayments.models import Charge

pytestmark = pytest.mark.django_db

JAN31 = date(2025, 1, 31)
DAY1, DAY2, DAY3 = date(2025, 3, 10), date(2025, 4, 5), date(2025, 4, 6)
CHUNK = 2


def portfolio() -> list[Loan]:
    """Seven loans in different states, two collectors: with CHUNK=2, four chunks."""
    staff(COLLECTOR), staff(COLLECTOR)
    percent = ProductFactory(
        penal_charge_type="percent_of_overdue", penal_charge_percent=Decimal("2")
    )
    floored = ProductFactory(materiality_floor=Decimal("10.00"))
    loans = [loan_due(JAN31) for _ in range(3)]
    loans += [loan_due(JAN31, product=percent), loan_due(JAN31, product=floored)]
    loans += [loan_due(JAN31), loan_due(JAN31, product=floored)]
    pay_installments(loans[0], [1, 2], on=date(2025, 3, 31))  # current again by 31 Mar
    pay_installments(loans[1], [1], on=date(2025, 2, 28))  # 31 Mar installment missed
    pay_installments(loans[4], [1], on=date(2025, 2, 28), leave=Decimal("5.00"))  # in floor
    pay_installments(loans[6], [1], on=date(2025, 2, 28), leave=Decimal("50.00"))
    day_end_run(business_date=DAY1, chunk_size=CHUNK)
    return loans


def run_day2(outcome: dict | None = None):
    def work():
        run = day_end_run(business_date=DAY2, chunk_size=CHUNK)
        if outcome is not None:
            outcome["counts"] = run.counts
            outcome["loans"] = run.loans_processed

    return work


def test_a_crash_inside_a_chunk_is_resumed_to_exactly_the_clean_result(monkeypatch):
    portfolio()
    clean_run: dict = {}
    clean = snapshot_then_rollback(run_day2(clean_run))
    before = snapshot()
    real_cases_step, calls = sql.cases_step, []

    def dies_on_the_second_chunk(cur, params):
        calls.append(params.lo)
        if len(calls) == 2:
            raise RuntimeError("worker killed")
        return real_cases_step(cur, params)

    monkeypatch.setattr(sql, "cases_step", dies_on_the_second_chunk)
    with pytest.raises(RuntimeError, match="worker killed"):
        day_end_run(business_date=DAY2, chunk_size=CHUNK)

    run = DayEndRun.objects.get(business_date=DAY2)
    assert run.status == RunStatus.FAILED
    assert "RuntimeError: worker killed" in run.errors[0]["error"]
    chunks = list(run.chunks.order_by("lo_id"))
    assert len(chunks) == 4 and [c.done for c in chunks] == [True, False, False, False]
    # The second chunk's penal charges and DPD (steps before the crash) were rolled back.
    second = Loan.objects.filter(pk__range=(chunks[1].lo_id, chunks[1].hi_id))
    assert {(loan.pk, loan.dpd) for loan in second} == {
        row[:2] for row in before["loans"] if chunks[1].lo_id <= row[0] <= chunks[1].hi_id
    }
    with pytest.raises(DomainError, match="unfinished"):
        day_end_run(business_date=DAY3, chunk_size=CHUNK)  # no skipping past it

    monkeypatch.setattr(sql, "cases_step", real_cases_step)
    resumed = day_end_run(business_date=DAY2, chunk_size=CHUNK)

    assert (resumed.pk, resumed.outcome, resumed.status) == (run.pk, "resumed", "completed")
    assert snapshot() == clean
    assert (resumed.counts, resumed.loans_processed) == (clean_run["counts"], clean_run["loans"])
    assert (
        AuditEvent.objects.filter(action="day_end.chunk_processed", target_id=str(run.pk)).count()
        == 4
    )


def test_a_crash_in_the_last_steps_is_resumed_to_exactly_the_clean_result(monkeypatch):
    portfolio()
    clean = snapshot_then_rollback(run_day2())

    def settle_fails(**kwargs):
        raise ConnectionError("database went away")

    monkeypatch.setattr(job, "promises_settle", settle_fails)
    with pytest.raises(ConnectionError):
        day_end_run(business_date=DAY2, chunk_size=CHUNK)
    run = DayEndRun.objects.get(business_date=DAY2)
    assert run.status == RunStatus.FAILED and run.errors[0]["where"] == "finish"
    assert run.chunks.filter(done=False).count() == 0
    monkeypatch.undo()

    resumed = day_end_run(business_date=DAY2, chunk_size=CHUNK)

    assert resumed.status == RunStatus.COMPLETED
    assert snapshot() == clean


def test_the_celery_chord_gives_the_same_database_as_one_process(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    settings.DAY_END_CHUNK_SIZE = CHUNK
    portfolio()
    single_run: dict = {}
    single = snapshot_then_rollback(run_day2(single_run))

    run_id = tasks.day_end_beat.delay(business_date=DAY2.isoformat()).get()

    run = DayEndRun.objects.get(pk=run_id)
    assert run.status == RunStatus.COMPLETED
    assert run.chunks.count() == 4 and not run.chunks.filter(done=False).exists()
    assert snapshot() == single
    assert run.counts == single_run["counts"]
    assert Charge.objects.filter(charged_on=DAY2).exists()  # the comparison is not vacuous


def test_the_beat_runs_the_day_just_ended_and_obeys_the_kill_switch(settings, monkeypatch):
    settings.DAY_END_CHUNK_SIZE = CHUNK
    loan_due(JAN31)
    monkeypatch.setattr(tasks, "today_ist", lambda: date(2025, 3, 11))

    settings.CRON_ENABLED = False
    assert tasks.day_end_beat.delay().get() is None
    assert not DayEndRun.objects.exists()

    settings.CRON_ENABLED = True
    run = DayEndRun.objects.get(pk=tasks.day_end_beat.delay().get())
    assert (run.business_date, run.status) == (date(2025, 3, 10), RunStatus.COMPLETED)
    # Again: already completed, nothing new.
    assert tasks.day_end_beat.delay().get() == run.pk
    assert DayEndRun.objects.count() == 1


def test_the_beat_logs_a_refused_date_and_does_nothing(monkeypatch):
    loan_due(JAN31)
    day_end_run(business_date=date(2025, 3, 12))
    monkeypatch.setattr(tasks, "today_ist", lambda: date(2025, 3, 11))
    assert tasks.day_end_beat.delay().get() is None
    assert DayEndRun.objects.count() == 1


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_two_workers_sharing_a_run_do_each_chunk_once():
    portfolio()
    run = job.day_end_plan(business_date=DAY2, chunk_size=CHUNK)
    chunk_ids = list(run.chunks.order_by("lo_id").values_list("id", flat=True))
    failures = []

    def worker(order):
        try:
            for chunk_id in order:
                job.day_end_chunk_process(chunk_id=chunk_id)
        except Exception as exc:  # reported below; a thread must not die silently
            failures.append(exc)
        finally:
            connection.close()

    threads = [
        threading.Thread(target=worker, args=(chunk_ids,)),
        threading.Thread(target=worker, args=(list(reversed(chunk_ids)),)),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    finished = job.day_end_finish(run_id=run.pk)

    assert failures == []
    assert finished.status == RunStatus.COMPLETED
    assert (
        AuditEvent.objects.filter(action="day_end.chunk_processed", target_id=str(run.pk)).count()
        == 4
    )
    assert DayEndChunk.objects.filter(run=run, done=True).count() == 4
    installments = Charge.objects.values_list("installment_id", flat=True)
    assert len(installments) == len(set(installments))  # never twice
    assert Charge.objects.filter(charged_on=DAY2).exists()
