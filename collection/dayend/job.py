"""The day-end job: one run per business date, split into loan-id chunks recorded as
DayEndChunk rows. Each chunk is one transaction (all its steps and its `done` flag commit
together), so a crash loses at most the chunk in flight and the next invocation resumes
with the chunks not done. The in-process path (`day_end_run`) and the Celery path
(collection.tasks: a chord of `day_end_chunk` tasks, then `day_end_finish`) call the same
three functions: `day_end_plan`, `day_end_chunk_process`, `day_end_finish`.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from itertools import islice

import structlog
from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from collection.dayend import penal, sql
from collection.dayend.buckets import bucket_table
from collection.dayend.contagion import borrower_contagion_apply
from collection.dayend.snapshot import portfolio_snapshot_write
from collection.models import CaseStatus, CollectionCase, DayEndChunk, DayEndRun, RunStatus
from collection.services.desk import cases_assign_round_robin, promises_settle
from lendingsite import rawsql
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.errors import DomainError
from lendingsite.switches import switch_is_on
from loans.models import Loan, LoanStatus
from repayments.services.servicing.settlements import settlements_break_due

JOB = "day_end"
STEP_LOANS = "loans"
DEFAULT_CHUNK_SIZE = 5000
MAX_ERRORS_KEPT = 20
CHUNK_ROWS_PER_INSERT = 500
_PLAN_LOCK_KEY = 0x0DA7_E0D5  # pg_advisory_xact_lock key: one planner at a time

log = structlog.get_logger(__name__)


def _lock_planning() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [_PLAN_LOCK_KEY])


def _forced_run(business_date: date, loan_id: int) -> DayEndRun:
    loan = Loan.objects.filter(pk=loan_id).first()
    if loan is None:
        raise DomainError("not_found", f"There is no loan #{loan_id}.")
    if loan.status != LoanStatus.ACTIVE:
        raise DomainError(
            "loan_not_active",
            f"Loan #{loan_id} is {loan.get_status_display().lower()}; the day-end processes "
            "active loans only.",
        )
    run = DayEndRun.objects.create(job=JOB, business_date=business_date, forced_loan=loan)
    DayEndChunk.objects.create(run=run, step=STEP_LOANS, lo_id=loan.pk, hi_id=loan.pk)
    return run


def _refuse_out_of_order(business_date: date) -> None:
    runs = DayEndRun.objects.filter(job=JOB, forced_loan__isnull=True)
    later = runs.filter(business_date__gt=business_date).order_by("-business_date").first()
    if later is not None:
        if later.status == RunStatus.COMPLETED:
            detail = f"day-end already completed for a later date ({later.business_date})"
        else:
            detail = (
                f"day-end for a later date ({later.business_date}) was already started "
                f"(run {later.pk}, {later.status})"
            )
        raise DomainError(
            "invalid_state",
            f"{detail}; only --force-loan runs are allowed for {business_date}",
        )
    unfinished = (
        runs.filter(business_date__lt=business_date)
        .exclude(status=RunStatus.COMPLETED)
        .order_by("business_date")
        .first()
    )
    if unfinished is not None:
        raise DomainError(
            "invalid_state",
            f"day-end for {unfinished.business_date} is unfinished (run {unfinished.pk}, "
            f"{unfinished.status}); run it again to resume it first",
        )


@refusals_audited("day_end.run_refused")
@transaction.atomic
def day_end_plan(
    *,
    business_date: date,
    force_loan_id: int | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> DayEndRun:
    """Find or create the run for `business_date` and its chunks. A completed run is
    returned as it is (`outcome` "already_completed"); a running or failed one is resumed
    (`outcome` "resumed"). Refused: a date before a later run, or after an unfinished one;
    a forced run (one loan) is always a new run and never refused for its date."""
    if chunk_size < 1:
        raise DomainError("validation_error", "The chunk size must be at least 1.")
    _lock_planning()
    if force_loan_id is not None:
        run = _forced_run(business_date, force_loan_id)
        run.outcome = "started"
    else:
        run = DayEndRun.objects.filter(
            job=JOB, business_date=business_date, forced_loan__isnull=True
        ).first()
        if run is not None and run.status == RunStatus.COMPLETED:
            run.outcome = "already_completed"
            return run
        if run is not None:
            run.status = RunStatus.RUNNING
            run.save(update_fields=["status"])
            run.outcome = "resumed"
        else:
            _refuse_out_of_order(business_date)
            run = DayEndRun.objects.create(job=JOB, business_date=business_date)
            ranges = iter(sql.chunk_ranges(size=chunk_size))
            while batch := list(islice(ranges, CHUNK_ROWS_PER_INSERT)):
                DayEndChunk.objects.bulk_create(
                    DayEndChunk(run=run, step=STEP_LOANS, lo_id=lo, hi_id=hi) for lo, hi in batch
                )
            run.outcome = "started"
    audit_record(
        action=f"day_end.{run.outcome}",
        target=run,
        after={
            "business_date": business_date,
            "forced_loan": run.forced_loan_id,
            "chunks": run.chunks.count(),
        },
    )
    return run


def chunk_apply(p: sql.ChunkParams) -> dict:
    """Every step for one loan-id range, in order; the caller holds the transaction."""
    with rawsql.values_inlined(), connection.cursor() as cur:
        sql.overdue_step(cur, p)
        charges = penal.penal_step(cur, p)
        loans = sql.state_step(cur, p)
        history = sql.loans_step(cur, p, loans=loans)
        cases = sql.cases_step(cur, p)
        escalated = sql.escalation_step(cur, p)
        sql.drop_work_tables(cur)
    return {
        "loans": loans,
        "dpd": history,
        "penal": charges,
        "cases": cases,
        "escalation": escalated,
    }


def _chunk_params(run: DayEndRun, chunk: DayEndChunk) -> sql.ChunkParams:
    return sql.ChunkParams(
        business_date=run.business_date,
        lo=chunk.lo_id,
        hi=chunk.hi_id,
        table=bucket_table(),
        escalation_enabled=switch_is_on("ESCALATION_ENABLED"),
        escalation_threshold=settings.ESCALATION_DPD_THRESHOLD,
        now=timezone.now(),
    )


@transaction.atomic
def _chunk_apply(chunk_id: int) -> dict:
    chunk = DayEndChunk.objects.select_for_update().select_related("run").get(pk=chunk_id)
    if chunk.done:
        return chunk.counts  # another worker, or the run before the crash, did it
    run = chunk.run
    counts = chunk_apply(_chunk_params(run, chunk))
    chunk.done, chunk.counts, chunk.finished_at = True, counts, timezone.now()
    chunk.save(update_fields=["done", "counts", "finished_at"])
    # One audit event per chunk, in the chunk's transaction, with what its steps did
    # (penal charges levied and their total, bucket changes, cases, escalations).
    audit_record(
        action="day_end.chunk_processed",
        target=run,
        after={"chunk": chunk.pk, "lo_id": chunk.lo_id, "hi_id": chunk.hi_id, **counts},
    )
    return counts


def day_end_chunk_process(*, chunk_id: int) -> dict:
    """Process one chunk (skipped if done). On failure the run is marked failed with the
    error, and the exception propagates (the chunk's transaction was rolled back)."""
    try:
        return _chunk_apply(chunk_id)
    except Exception as exc:
        run_id = DayEndChunk.objects.filter(pk=chunk_id).values_list("run_id", flat=True).first()
        _record_failure(run_id, where=f"chunk {chunk_id}", exc=exc)
        raise


def _record_failure(run_id: int | None, *, where: str, exc: Exception) -> None:
    log.error("day_end_failed", run_id=run_id, where=where, error=repr(exc))
    if run_id is None:
        return
    try:
        with transaction.atomic():
            run = DayEndRun.objects.select_for_update().get(pk=run_id)
            if run.status == RunStatus.COMPLETED:
                return
            error = {
                "at": timezone.now().isoformat(),
                "where": where,
                "error": f"{type(exc).__name__}: {exc}"[:500],
            }
            run.status = RunStatus.FAILED
            run.errors = [*run.errors, error][-MAX_ERRORS_KEPT:]
            run.save(update_fields=["status", "errors"])
    except Exception:  # the database itself may be what failed; the log line stays
        log.exception("day_end_failure_not_recorded", run_id=run_id)


def merge_counts(total: dict, more: dict) -> dict:
    """Add one chunk's counts into the run's: numbers add, amounts (strings) add as
    Decimal, nested dicts merge, "skipped" stays "skipped"."""
    for key, value in more.items():
        if key not in total:
            total[key] = dict(value) if isinstance(value, dict) else value
        elif isinstance(value, dict):
            total[key] = merge_counts(dict(total[key]), value)
        elif "skipped" in (value, total[key]):
            total[key] = "skipped"
        elif isinstance(value, int):
            total[key] += value
        else:
            total[key] = str(Decimal(total[key]) + Decimal(value))
    return total


@transaction.atomic
def _finish(run_id: int) -> DayEndRun:
    run = DayEndRun.objects.select_for_update().get(pk=run_id)
    if run.status == RunStatus.COMPLETED:
        run.outcome = "already_completed"
        return run
    pending = run.chunks.filter(done=False).count()
    if pending:
        raise RuntimeError(f"{pending} chunk(s) of run {run.pk} are not done")
    counts: dict = {}
    per_chunk = run.chunks.order_by("lo_id").values_list("counts", flat=True)
    for chunk_counts in per_chunk.iterator(chunk_size=20):  # flat memory at any size
        merge_counts(counts, chunk_counts)
    new_cases = CollectionCase.objects.filter(
        opened_on=run.business_date, status=CaseStatus.OPEN, assigned_to__isnull=True
    )
    if run.forced_loan_id:
        new_cases = new_cases.filter(loan_id=run.forced_loan_id)
    new_ids = list(new_cases.order_by("id").values_list("id", flat=True))
    # The desk's services: new cases to collectors by load, promises due today settled.
    counts["assigned"] = cases_assign_round_robin(case_ids=new_ids) if new_ids else 0
    if not run.forced_loan_id:
        # Borrower-wise NPA over the whole book, once every loan has its own bucket.
        counts["borrower_contagion"] = borrower_contagion_apply(
            business_date=run.business_date, now=timezone.now()
        )
        counts["promises"] = promises_settle(business_date=run.business_date)
        # One-time settlements with an installment missed past the grace are broken.
        counts["settlements_broken"] = settlements_break_due(business_date=run.business_date)
        # The console's dashboard reads this, never the book (collection.dayend.snapshot).
        counts["snapshot_rows"] = portfolio_snapshot_write(business_date=run.business_date)
    finished = timezone.now()
    run.counts = counts
    run.loans_processed = counts.get("loans", 0)
    run.status = RunStatus.COMPLETED
    run.finished_at = finished
    run.duration_ms = min(int((finished - run.started_at).total_seconds() * 1000), 2**31 - 1)
    run.save(update_fields=["counts", "loans_processed", "status", "finished_at", "duration_ms"])
    audit_record(
        action="day_end.completed",
        target=run,
        after={"business_date": run.business_date, "duration_ms": run.duration_ms, **counts},
    )
    run.outcome = "completed"
    return run


def day_end_finish(*, run_id: int) -> DayEndRun:
    """The last steps once every chunk is done: new cases assigned, promises settled, the
    run's counts summed and the run marked completed (one transaction)."""
    try:
        return _finish(run_id)
    except Exception as exc:
        _record_failure(run_id, where="finish", exc=exc)
        raise


def pending_chunk_ids(run: DayEndRun, *, page: int = 100) -> Iterator[int]:
    """The ids of the run's chunks not done yet, in loan-id order, a page at a time (what
    Python holds does not grow with the book)."""
    after = -1
    while ids := list(
        run.chunks.filter(done=False, lo_id__gt=after)
        .order_by("lo_id")
        .values_list("lo_id", "id")[:page]
    ):
        yield from (chunk_id for _, chunk_id in ids)
        after = ids[-1][0]


def day_end_run(
    *,
    business_date: date,
    force_loan_id: int | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> DayEndRun:
    """The whole day-end for one business date, in this process. Idempotent: a completed
    date is returned untouched (`outcome` "already_completed"); a crashed run resumes."""
    started = time.monotonic()
    run = day_end_plan(
        business_date=business_date, force_loan_id=force_loan_id, chunk_size=chunk_size
    )
    if run.outcome == "already_completed":
        return run
    resumed = run.outcome == "resumed"
    for chunk_id in pending_chunk_ids(run):
        day_end_chunk_process(chunk_id=chunk_id)
    run = day_end_finish(run_id=run.pk)
    if resumed and run.outcome == "completed":
        run.outcome = "resumed"
    log.info(
        "day_end_run",
        run_id=run.pk,
        business_date=str(business_date),
        outcome=run.outcome,
        seconds=round(time.monotonic() - started, 3),
    )
    return run
