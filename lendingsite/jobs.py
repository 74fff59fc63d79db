"""The chunked, resumable batch job both nightly jobs are built on: the collections
day-end (collection.dayend.job) and the month-end close (accounting.close.job).

A run is one row (per job and date); it is split into loan-id chunks, one row each. Each
chunk is one transaction: the job's work for the chunk and the chunk's `done` flag commit
together, under the chunk's row lock, so a crash loses at most the chunk in flight, a
chunk done twice (two workers, or a retry after a crash) is skipped, and the next
invocation resumes with the chunks not done. A completed run is returned untouched.

The in-process path (`ChunkedJob.run`, the management commands) and Celery (`dispatch`: a
chord of chunk tasks whose body is the finish task) call the same three steps: plan,
chunk_process, finish. What differs between the jobs (what a chunk does, which runs are
refused, the last steps of the finish) is passed in; the orchestration lives here only.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal
from itertools import islice
from typing import Any

import structlog
from django.db import connection, models, transaction
from django.utils import timezone

from lendingsite.audit import audit_record
from lendingsite.errors import DomainError

MAX_ERRORS_KEPT = 20
CHUNK_ROWS_PER_INSERT = 500

log = structlog.get_logger(__name__)


class RunStatus(models.TextChoices):
    RUNNING = "running", "Running"
    COMPLETED = "completed", "Completed"
    FAILED = "failed", "Failed"


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


def _no_steps(run, counts: dict) -> None:
    return None


@dataclass(frozen=True)
class ChunkedJob:
    """One kind of chunked job. `chunk_model` has `run` (FK, related_name "chunks"),
    `lo_id`, `hi_id`, `done`, `counts`, `finished_at`; its run model has `status`,
    `counts`, `errors`, `loans_processed`, `started_at`, `finished_at`, `duration_ms`."""

    name: str  # audit actions "<name>.started|…" and log events "<name>_…"
    chunk_model: type[models.Model]
    lock_key: int  # pg_advisory_xact_lock key: one planner at a time
    # (run, chunk) -> the chunk's counts; called inside the chunk's transaction.
    apply: Callable[[Any, Any], dict]
    # (run, counts): the job's own last steps, inside the finish's transaction; may add
    # to counts.
    finish_steps: Callable[[Any, dict], None] = _no_steps
    # run -> what the completed event says besides the duration and the counts.
    completed_detail: Callable[[Any], dict] = field(
        default=lambda run: {"business_date": run.business_date}
    )

    @property
    def run_model(self) -> type[models.Model]:
        return self.chunk_model._meta.get_field("run").related_model

    # -- plan ---------------------------------------------------------------------------

    def _lock_planning(self) -> None:
        if connection.vendor == "postgresql":
            with connection.cursor() as cur:
                cur.execute("SELECT pg_advisory_xact_lock(%s)", [self.lock_key])

    def plan(
        self,
        *,
        chunk_size: int,
        find: Callable[[], Any],
        start: Callable[[], Any],
        after: Callable[[Any], dict],
        acting_user=None,
    ):
        """The run to work on, inside the caller's transaction: `find()`'s run if any (a
        completed one returned as it is, `outcome` "already_completed"; a running or failed
        one resumed, "resumed"), else `start()`'s new run ("started"; `start` refuses by
        raising DomainError and creates the run with its chunks)."""
        if chunk_size < 1:
            raise DomainError("validation_error", "The chunk size must be at least 1.")
        self._lock_planning()
        run = find()
        if run is not None and run.status == RunStatus.COMPLETED:
            run.outcome = "already_completed"
            return run
        if run is not None:
            run.status = RunStatus.RUNNING
            run.save(update_fields=["status"])
            run.outcome = "resumed"
        else:
            run = start()
            run.outcome = "started"
        audit_record(
            action=f"{self.name}.{run.outcome}", actor=acting_user, target=run, after=after(run)
        )
        return run

    def chunks_create(self, run, ranges: Iterable[tuple[int, int]], **fields) -> None:
        """The run's chunks, a few hundred rows per INSERT (flat memory at any size)."""
        ranges = iter(ranges)
        while batch := list(islice(ranges, CHUNK_ROWS_PER_INSERT)):
            self.chunk_model.objects.bulk_create(
                self.chunk_model(run=run, lo_id=lo, hi_id=hi, **fields) for lo, hi in batch
            )

    # -- chunks -------------------------------------------------------------------------

    @transaction.atomic
    def _chunk_apply(self, chunk_id: int) -> dict:
        chunk = self.chunk_model.objects.select_for_update().select_related("run").get(pk=chunk_id)
        if chunk.done:
            return chunk.counts  # another worker, or the run before the crash, did it
        run = chunk.run
        counts = self.apply(run, chunk)
        chunk.done, chunk.counts, chunk.finished_at = True, counts, timezone.now()
        chunk.save(update_fields=["done", "counts", "finished_at"])
        # One audit event per chunk, in the chunk's transaction, with what its steps did.
        audit_record(
            action=f"{self.name}.chunk_processed",
            target=run,
            after={"chunk": chunk.pk, "lo_id": chunk.lo_id, "hi_id": chunk.hi_id, **counts},
        )
        return counts

    def chunk_process(self, *, chunk_id: int) -> dict:
        """Process one chunk (skipped if done). On failure the run is marked failed with
        the error and the exception propagates (the chunk's transaction was rolled back)."""
        try:
            return self._chunk_apply(chunk_id)
        except Exception as exc:
            run_id = (
                self.chunk_model.objects.filter(pk=chunk_id)
                .values_list("run_id", flat=True)
                .first()
            )
            self.record_failure(run_id, where=f"chunk {chunk_id}", exc=exc)
            raise

    def record_failure(self, run_id: int | None, *, where: str, exc: Exception) -> None:
        log.error(f"{self.name}_failed", run_id=run_id, where=where, error=repr(exc))
        if run_id is None:
            return
        try:
            with transaction.atomic():
                run = self.run_model.objects.select_for_update().get(pk=run_id)
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
            log.exception(f"{self.name}_failure_not_recorded", run_id=run_id)

    def pending_chunk_ids(self, run, *, page: int = 100) -> Iterator[int]:
        """The ids of the run's chunks not done yet, in loan-id order, a page at a time
        (what Python holds does not grow with the book)."""
        after = -1
        while ids := list(
            run.chunks.filter(done=False, lo_id__gt=after)
            .order_by("lo_id")
            .values_list("lo_id", "id")[:page]
        ):
            yield from (chunk_id for _, chunk_id in ids)
            after = ids[-1][0]

    # -- finish -------------------------------------------------------------------------

    @transaction.atomic
    def _finish(self, run_id: int):
        run = self.run_model.objects.select_for_update().get(pk=run_id)
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
        self.finish_steps(run, counts)
        finished = timezone.now()
        run.counts = counts
        run.loans_processed = counts.get("loans", 0)
        run.status = RunStatus.COMPLETED
        run.finished_at = finished
        run.duration_ms = min(int((finished - run.started_at).total_seconds() * 1000), 2**31 - 1)
        run.save(
            update_fields=["counts", "loans_processed", "status", "finished_at", "duration_ms"]
        )
        audit_record(
            action=f"{self.name}.completed",
            target=run,
            after={**self.completed_detail(run), "duration_ms": run.duration_ms, **counts},
        )
        run.outcome = "completed"
        return run

    def finish(self, *, run_id: int):
        """Once every chunk is done: the counts summed, the job's last steps, the run
        marked completed (one transaction)."""
        try:
            return self._finish(run_id)
        except Exception as exc:
            self.record_failure(run_id, where="finish", exc=exc)
            raise

    # -- the two ways to run it ---------------------------------------------------------

    def run(self, plan: Callable[[], Any], **log_fields):
        """The whole run in this process: `plan()` (the job's own plan function), every
        pending chunk, the finish. Idempotent: a completed run is returned untouched
        (`outcome` "already_completed"); a crashed run resumes ("resumed")."""
        started = time.monotonic()
        run = plan()
        if run.outcome == "already_completed":
            return run
        resumed = run.outcome == "resumed"
        for chunk_id in self.pending_chunk_ids(run):
            self.chunk_process(chunk_id=chunk_id)
        run = self.finish(run_id=run.pk)
        if resumed and run.outcome == "completed":
            run.outcome = "resumed"
        log.info(
            f"{self.name}_run",
            run_id=run.pk,
            **log_fields,
            outcome=run.outcome,
            seconds=round(time.monotonic() - started, 3),
        )
        return run

    def dispatch(self, plan: Callable[[], Any], *, chunk_task, finish_task, **log_fields):
        """Plan the run and hand its pending chunks to the Celery workers: a chord of
        `chunk_task(chunk_id=…)` whose body is `finish_task(run_id=…)`. Returns the run
        id, or None when the plan is refused (logged)."""
        from celery import chord

        try:
            run = plan()
        except DomainError as exc:
            log.error(f"{self.name}_refused", **log_fields, detail=exc.detail)
            return None
        if run.status == RunStatus.COMPLETED:
            log.info(f"{self.name}_already_completed", **log_fields, run_id=run.pk)
            return run.pk
        pending = [chunk_task.si(chunk_id=chunk_id) for chunk_id in self.pending_chunk_ids(run)]
        finish = finish_task.si(run_id=run.pk)
        if pending:
            chord(pending)(finish)
        else:
            finish.delay()
        return run.pk
