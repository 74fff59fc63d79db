"""The month-end close (and the on-demand accrual): one run per (kind, date), split into
loan-id chunks recorded as MonthEndChunk rows, run by the runner the day-end uses
(lendingsite.jobs). Each chunk is one transaction (its accrual and provisioning
entries, its detail rows and its `done` flag commit together), so a crash loses at most
the chunk in flight and the next invocation resumes with the chunks not done. A
completed run is returned untouched: closing a month twice posts nothing.

The in-process path (`month_end_run`, the command) and Celery (accounting.tasks: a chord
of chunk tasks, then the finish) call the same three functions: `month_end_plan`,
`month_end_chunk_process`, `month_end_finish`.
"""

from __future__ import annotations

import calendar
from collections.abc import Iterator
from datetime import date

from django.db import connection, transaction
from django.utils import timezone

from accounting.close import sql
from accounting.config import iracp_periods, provision_rates
from accounting.models import MonthEndChunk, MonthEndRun, RunKind
from collection.dayend.buckets import bucket_table
from collection.dayend.sql import chunk_ranges
from collection.models import DayEndRun
from lendingsite import rawsql
from lendingsite.audit import refusals_audited
from lendingsite.errors import DomainError
from lendingsite.jobs import ChunkedJob, RunStatus
from loans import ledger

DEFAULT_CHUNK_SIZE = 20000


def is_month_end(day: date) -> bool:
    return day.day == calendar.monthrange(day.year, day.month)[1]


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


MONTH_END = ChunkedJob(
    name="month_end",
    chunk_model=MonthEndChunk,
    lock_key=0x0DA7_E0D6,
    apply=lambda run, chunk: chunk_apply(
        close_params(run.business_date, chunk.lo_id, chunk.hi_id), kind=run.kind, run_id=run.pk
    ),
    completed_detail=lambda run: {"kind": run.kind, "business_date": run.business_date},
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
    if kind not in RunKind.values:
        raise DomainError("validation_error", f"Unknown run kind {kind!r}.")

    def start() -> MonthEndRun:
        _refuse(kind, business_date)
        run = MonthEndRun.objects.create(
            kind=kind,
            business_date=business_date,
            started_by=acting_user if getattr(acting_user, "pk", None) else None,
        )
        MONTH_END.chunks_create(run, chunk_ranges(size=chunk_size))
        return run

    return MONTH_END.plan(
        chunk_size=chunk_size,
        find=lambda: MonthEndRun.objects.filter(kind=kind, business_date=business_date).first(),
        start=start,
        after=lambda run: {
            "kind": kind,
            "business_date": business_date,
            "chunks": run.chunks.count(),
        },
        acting_user=acting_user,
    )


def month_end_chunk_process(*, chunk_id: int) -> dict:
    """Process one chunk (skipped if done). On failure the run is marked failed with the
    error and the exception propagates (the chunk's transaction was rolled back)."""
    return MONTH_END.chunk_process(chunk_id=chunk_id)


def month_end_finish(*, run_id: int) -> MonthEndRun:
    return MONTH_END.finish(run_id=run_id)


def pending_chunk_ids(run: MonthEndRun, *, page: int = 100) -> Iterator[int]:
    return MONTH_END.pending_chunk_ids(run, page=page)


def month_end_run(
    *,
    business_date: date,
    kind: str = RunKind.CLOSE,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    acting_user=None,
) -> MonthEndRun:
    """The whole close (or accrual) for one date, in this process. Idempotent: a
    completed date is returned untouched; a crashed run resumes."""
    return MONTH_END.run(
        lambda: month_end_plan(
            business_date=business_date, kind=kind, chunk_size=chunk_size, acting_user=acting_user
        ),
        kind=kind,
        business_date=str(business_date),
    )
