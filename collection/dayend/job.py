"""The day-end job: one run per business date, split into loan-id chunks recorded as
DayEndChunk rows, run by the shared chunked, resumable runner (lendingsite.jobs: each
chunk one transaction with its `done` flag; a crash resumes with the chunks not done). The
in-process path (`day_end_run`) and the Celery path (collection.tasks: a chord of
`day_end_chunk` tasks, then `day_end_finish`) call the same three functions:
`day_end_plan`, `day_end_chunk_process`, `day_end_finish`. This module says only what is
the day-end's own: which dates are refused, what a chunk does, the last steps.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

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
from lendingsite.audit import refusals_audited
from lendingsite.errors import DomainError
from lendingsite.jobs import ChunkedJob, merge_counts
from lendingsite.switches import switch_is_on
from loans.models import Loan, LoanStatus
from repayments.services.servicing.settlements import settlements_break_due

__all__ = ["JOB", "day_end_run", "merge_counts"]

JOB = "day_end"
STEP_LOANS = "loans"
DEFAULT_CHUNK_SIZE = 5000


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


def _finish_steps(run: DayEndRun, counts: dict) -> None:
    """The day-end's last steps, once every loan has its own bucket (in the finish's
    transaction): new cases to collectors, and for a full run the book-wide steps."""
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


# Module-level names are looked up when called, so tests may patch this module's
# `promises_settle` or `portfolio_snapshot_write`.
DAY_END = ChunkedJob(
    name=JOB,
    chunk_model=DayEndChunk,
    lock_key=0x0DA7_E0D5,
    apply=lambda run, chunk: chunk_apply(_chunk_params(run, chunk)),
    finish_steps=lambda run, counts: _finish_steps(run, counts),
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

    def find() -> DayEndRun | None:
        if force_loan_id is not None:
            return None
        return DayEndRun.objects.filter(
            job=JOB, business_date=business_date, forced_loan__isnull=True
        ).first()

    def start() -> DayEndRun:
        if force_loan_id is not None:
            return _forced_run(business_date, force_loan_id)
        _refuse_out_of_order(business_date)
        run = DayEndRun.objects.create(job=JOB, business_date=business_date)
        DAY_END.chunks_create(run, sql.chunk_ranges(size=chunk_size), step=STEP_LOANS)
        return run

    return DAY_END.plan(
        chunk_size=chunk_size,
        find=find,
        start=start,
        after=lambda run: {
            "business_date": business_date,
            "forced_loan": run.forced_loan_id,
            "chunks": run.chunks.count(),
        },
    )


def day_end_chunk_process(*, chunk_id: int) -> dict:
    """Process one chunk (skipped if done). On failure the run is marked failed with the
    error, and the exception propagates (the chunk's transaction was rolled back)."""
    return DAY_END.chunk_process(chunk_id=chunk_id)


def day_end_finish(*, run_id: int) -> DayEndRun:
    """The last steps once every chunk is done: new cases assigned, promises settled, the
    run's counts summed and the run marked completed (one transaction)."""
    return DAY_END.finish(run_id=run_id)


def pending_chunk_ids(run: DayEndRun, *, page: int = 100) -> Iterator[int]:
    return DAY_END.pending_chunk_ids(run, page=page)


def day_end_run(
    *,
    business_date: date,
    force_loan_id: int | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
) -> DayEndRun:
    """The whole day-end for one business date, in this process. Idempotent: a completed
    date is returned untouched (`outcome` "already_completed"); a crashed run resumes."""
    return DAY_END.run(
        lambda: day_end_plan(
            business_date=business_date, force_loan_id=force_loan_id, chunk_size=chunk_size
        ),
        business_date=str(business_date),
    )
