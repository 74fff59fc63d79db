"""The month-end close (and the on-demand accrual): one run per (kind, date), split into
loan-id chunks recorded as MonthEndChunk rows, exactly as the day-end does
(collection.dayend.job). Each chunk is one transaction (its accrual and provisioning
entries, its detail rows and its `done` flag commit together), so a crash loses at most
the chunk in flight and the next invocation resumes with the chunks not done. A
completed run is returned untouched: closing a month twice posts nothing.

The in-process path (`month_end_run`, the command) and Celery (accounting.tasks: a chord
of chunk tasks, then the finish) call the same three functions: `month_end_plan`,
`month_end_chunk_process`, `month_end_finish`.
"""

from __future__ import annotations

import calendar
import time
from collections.abc import Iterator
from datetime import date
from itertools import islice

import structlog
from django.db import connection, transaction
from django.utils import timezone

from accounting.close import sql
from accounting.config import iracp_periods, provision_rates
from accounting.models import MonthEndChunk, MonthEndRun, RunKind
from collection.dayend.buckets import bucket_table
from collection.dayend.job import merge_counts
from collection.dayend.sql import chunk_ranges
from collection.models import DayEndRun, RunStatus
from lendingsite import rawsql
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.errors import DomainError
from loans import ledger

DEFAULT_CHUNK_SIZE = 20000
MAX_ERRORS_KEPT = 20
CHUNK_ROWS_PER_INSERT = 500
_PLAN_LOCK_KEY = 0x0DA7_E0D6  # pg_advisory_xact_lock key: one planner at a time

log = structlog.get_logger(__name__)


def is_month_end(day: date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


def _lock_planning() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            cur.execute("SELECT pg_advisory_xact_lock(%s)", [_PLAN_LOCK_KEY])


def _refuse(kind: str, business_date: date) -> None:
    if kind == RunKind.CLOSE and not is_month_end(business_date):
        raise DomainError(
            "validation_error",
            f"{business_date} is not the last day of its month; a close is for a month-end "
            "(accrue interest for any date with the accrual run).",
        )
    day_end = DayEndRun.objects.filter(
        job="day_end", business_date=business_date, forced_loan__isnull=True
    ).first()
    if day_end is not None and day_end.status != RunStatus.COMPLETED:
        raise DomainError(
            "invalid_state",
            f"the day-end for {business_date} is {day_end.status}; finish it first (the "
            "close reads the buckets it sets)",
        )
    runs = MonthEndRun.objects.filter(kind=RunKind.CLOSE)
    if kind != RunKind.CLOSE:
        closed = runs.filter(business_date__gte=business_date).order_by("-business_date").first()
        if closed is not None:
            # The close already accrued to a later date: an accrual dated before it would
            # be counted again by the next run (accrued so far includes it).
            raise DomainError(
                "invalid_state",
                f"the books were closed on {closed.business_date}; accrue for a later date",
            )
        return
    later = runs.filter(business_date__gt=business_date).order_by("-business_date").first()
    if later is not None:
        raise DomainError(
            "invalid_state",
            f"the close for a later month-end ({later.business_date}) was already started; "
            f"{business_date} cannot be closed after it",
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
            f"the close for {unfinished.business_date} is unfinished (run {unfinished.pk}); "
            "run it again to resume it first",
        )


@refusals_audited("month_end.run_refused")
@transaction.atomic
def month_end_plan(
    *,
    business_date: date,
    kind: str = RunKind.CLOSE,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    acting_user=None,
) -> MonthEndRun:
    """Find or create the run for (kind, date) and its chunks. A completed run is returned
    as it is (`outcome` "already_completed"); a running or failed one is resumed."""
    if chunk_size < 1:
        raise DomainError("validation_error", "The chunk size must be at least 1.")
    if kind not in RunKind.values:
        raise DomainError("validation_error", f"Unknown run kind {kind!r}.")
    _lock_planning()
    run = MonthEndRun.objects.filter(kind=kind, business_date=business_date).first()
    if run is not None and run.status == RunStatus.COMPLETED:
        run.outcome = "already_completed"
        return run
    if run is not None:
        run.status = RunStatus.RUNNING
        run.save(update_fields=["status"])
        run.outcome = "resumed"
    else:
        _refuse(kind, business_date)
        run = MonthEndRun.objects.create(
            kind=kind,
            business_date=business_date,
            started_by=acting_user if getattr(acting_user, "pk", None) else None,
        )
        ranges = iter(chunk_ranges(size=chunk_size))
        while batch := list(islice(ranges, CHUNK_ROWS_PER_INSERT)):
            MonthEndChunk.objects.bulk_create(
                MonthEndChunk(run=run, lo_id=lo, hi_id=hi) for lo, hi in batch
            )
        run.outcome = "started"
    audit_record(
        action=f"month_end.{run.outcome}",
        actor=acting_user,
        target=run,
        after={"kind": kind, "business_date": business_date, "chunks": run.chunks.count()},
    )
    return run


def close_params(business_date: date, lo: int, hi: int) -> sql.CloseParams:
    table = bucket_table()
    return sql.CloseParams(
        business_date=business_date,
        lo=lo,
        hi=hi,
        npa_bucket=table.npa.name,
        npa_from=table.npa.lo,
        periods=iracp_periods(),
        rates=provision_rates(),
        now=timezone.now(),
    )


def chunk_apply(p: sql.CloseParams, *, kind: str, run_id: int) -> dict:
    """Every step for one loan-id range, in order; the caller holds the transaction."""
    with rawsql.values_inlined(), connection.cursor() as cur:
        loans = sql.books_step(cur, p)
        counts = {"loans": loans}
        # On cash basis interest is income when paid: nothing to accrue or suspend.
        if ledger.ledger_basis() == ledger.ACCRUAL:
            counts["accrual"] = sql.accrual_step(cur, p)
        if kind == RunKind.CLOSE:
            counts["provision"] = sql.provision_step(cur, p, run_id=run_id)
        sql.drop_work_tables(cur)
    return counts


@transaction.atomic
def _chunk_apply(chunk_id: int) -> dict:
    chunk = MonthEndChunk.objects.select_for_update().select_related("run").get(pk=chunk_id)
    if chunk.done:
        return chunk.counts
    run = chunk.run
    counts = chunk_apply(
        close_params(run.business_date, chunk.lo_id, chunk.hi_id), kind=run.kind, run_id=run.pk
    )
    chunk.done, chunk.counts, chunk.finished_at = True, counts, timezone.now()
    chunk.save(update_fields=["done", "counts", "finished_at"])
    audit_record(
        action="month_end.chunk_processed",
        target=run,
        after={"chunk": chunk.pk, "lo_id": chunk.lo_id, "hi_id": chunk.hi_id, **counts},
    )
    return counts


def month_end_chunk_process(*, chunk_id: int) -> dict:
    """Process one chunk (skipped if done). On failure the run is marked failed with the
    error and the exception propagates (the chunk's transaction was rolled back)."""
    try:
        return _chunk_apply(chunk_id)
    except Exception as exc:
        run_id = MonthEndChunk.objects.filter(pk=chunk_id).values_list("run_id", flat=True).first()
        _record_failure(run_id, where=f"chunk {chunk_id}", exc=exc)
        raise


def _record_failure(run_id: int | None, *, where: str, exc: Exception) -> None:
    log.error("month_end_failed", run_id=run_id, where=where, error=repr(exc))
    if run_id is None:
        return
    try:
        with transaction.atomic():
            run = MonthEndRun.objects.select_for_update().get(pk=run_id)
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
        log.exception("month_end_failure_not_recorded", run_id=run_id)


@transaction.atomic
def _finish(run_id: int) -> MonthEndRun:
    run = MonthEndRun.objects.select_for_update().get(pk=run_id)
    if run.status == RunStatus.COMPLETED:
        run.outcome = "already_completed"
        return run
    pending = run.chunks.filter(done=False).count()
    if pending:
        raise RuntimeError(f"{pending} chunk(s) of run {run.pk} are not done")
    counts: dict = {}
    for chunk_counts in (
        run.chunks.order_by("lo_id").values_list("counts", flat=True).iterator(chunk_size=20)
    ):
        merge_counts(counts, chunk_counts)
    finished = timezone.now()
    run.counts = counts
    run.loans_processed = counts.get("loans", 0)
    run.status = RunStatus.COMPLETED
    run.finished_at = finished
    run.duration_ms = min(int((finished - run.started_at).total_seconds() * 1000), 2**31 - 1)
    run.save(update_fields=["counts", "loans_processed", "status", "finished_at", "duration_ms"])
    audit_record(
        action="month_end.completed",
        target=run,
        after={
            "kind": run.kind,
            "business_date": run.business_date,
            "duration_ms": run.duration_ms,
            **counts,
        },
    )
    run.outcome = "completed"
    return run


def month_end_finish(*, run_id: int) -> MonthEndRun:
    try:
        return _finish(run_id)
    except Exception as exc:
        _record_failure(run_id, where="finish", exc=exc)
        raise


def pending_chunk_ids(run: MonthEndRun, *, page: int = 100) -> Iterator[int]:
    after = -1
    while ids := list(
        run.chunks.filter(done=False, lo_id__gt=after)
        .order_by("lo_id")
        .values_list("lo_id", "id")[:page]
    ):
        yield from (chunk_id for _, chunk_id in ids)
        after = ids[-1][0]


def month_end_run(
    *,
    business_date: date,
    kind: str = RunKind.CLOSE,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    acting_user=None,
) -> MonthEndRun:
    """The whole close (or accrual) for one date, in this process. Idempotent: a
    completed date is returned untouched; a crashed run resumes."""
    started = time.monotonic()
    run = month_end_plan(
        business_date=business_date, kind=kind, chunk_size=chunk_size, acting_user=acting_user
    )
    if run.outcome == "already_completed":
        return run
    resumed = run.outcome == "resumed"
    for chunk_id in pending_chunk_ids(run):
        month_end_chunk_process(chunk_id=chunk_id)
    run = month_end_finish(run_id=run.pk)
    if resumed and run.outcome == "completed":
        run.outcome = "resumed"
    log.info(
        "month_end_run",
        run_id=run.pk,
        kind=kind,
        business_date=str(business_date),
        outcome=run.outcome,
        seconds=round(time.monotonic() - started, 3),
    )
    return run
