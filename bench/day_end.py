"""Benchmark the collections day-end (collection.dayend) on PostgreSQL against a floor.

    .venv/bin/python bench/day_end.py [--n 10000,100000,1000000] [--chunk-size N]
                                      [--workers 1] [--parallel 2] [--smoke] [--keep]

Creates its own database (lendingsite_bench_dayend_<pid> on the server of
$BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432), migrates it once, and for
each N, in a fresh child process (so peak memory is per N):

1. seeds N active loans of 24 monthly installments DIRECTLY in SQL (generate_series):
   disbursed 30-699 days before D, about 85% current, the rest with their last 1-6 due
   installments unpaid (SMA-0 .. NPA), some partly paid; VACUUM ANALYZE;
2. "first run": the day-end for D-1 over the untouched book: it levies the whole backlog
   of penal charges (one per overdue installment past grace) and opens every case;
3. between the nights 5% of the delinquent loans pay all their arrears, and the tables are
   vacuumed (what autovacuum does in the day; collection/0002 tunes it);
4. "nightly": the day-end for D, timed, under tracemalloc: the steady state (the DPD of
   every delinquent loan moves, cases refresh, new delinquencies, cures, new charges);
5. the floors on the same data: "read", one hand-written SELECT computing every loan's DPD
   (best of three); "write", one hand-written UPDATE storing the next night's DPD of every
   delinquent loan (rolled back). Checks: the loans' DPD equals the read floor's, a second
   run is a no-op, the job's overdue query is an index-only scan of the partial index on
   unpaid installments;
6. with --parallel N (default 2), the next night (the current loans having paid what fell
   due that day, as a healthy book does) with its chunks shared by N workers (threads, one
   connection each: the shape of the Celery fan-out).

Reports loans/s, the ratios to the floors, the tracemalloc peak of the nightly run and the
process's ru_maxrss. The goal (issue 5): 1,000,000 loans in at most 60 s on the 2-core
machine, within 3x the floor, memory flat as N grows. `--smoke` (CI): N=10,000, checks only,
exits 0 (1 on a failed check), well under a minute. The database is dropped afterwards
unless --keep. Results and their reading: docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import time
import tracemalloc
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# One database per invocation (the CI smoke check and a full run may overlap); the child
# processes inherit the name.
DB_NAME = os.environ.get("BENCH_DAYEND_DB") or f"lendingsite_bench_dayend_{os.getpid()}"
SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
D = date(2026, 6, 30)
# Not fully paid: the predicate of the partial index installment_unpaid_cover (`owed` is
# the database-generated dues minus paid of the row).
UNPAID = "owed > 0"
GOAL_SECONDS, GOAL_RATIO = 60.0, 3.0


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def admin_sql(statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(statement)


# --- child: one N ----------------------------------------------------------------------


@contextmanager
def indexes_deferred(cur, tables: list[str]):
    """Seeding only: drop the plain (non-constraint) indexes of `tables`, load, rebuild them.

    The seed inserts in id order, so the primary keys and the unique (loan, number) index
    grow at their right edge and stay; the other indexes (due date, the partial index on
    unpaid installments, status, bucket ...) would take one random insert per row, which is
    most of the seeding time at 1,000,000 loans. Rebuilt in one sort each (CREATE INDEX
    with the session's maintenance_work_mem raised), the same definitions as migrated.
    """
    cur.execute(
        "SELECT indexname, indexdef FROM pg_indexes i WHERE schemaname = 'public'"
        " AND tablename = ANY(%s) AND NOT EXISTS ("
        "   SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)",
        [tables],
    )
    definitions = cur.fetchall()
    for name, _ in definitions:
        cur.execute(f'DROP INDEX "{name}"')
    yield
    cur.execute("SET maintenance_work_mem = '1GB'")
    for _, definition in definitions:
        cur.execute(definition)
    cur.execute("RESET maintenance_work_mem")


def seed(cur, n: int) -> None:
    from django.contrib.auth import get_user_model

    from loans.models import LoanProduct

    product, _ = LoanProduct.objects.get_or_create(
        code="bench",
        defaults={
            "name": "Bench personal loan",
            "min_amount": 10000,
            "max_amount": 1000000,
            "min_tenure": 3,
            "max_tenure": 60,
            "min_rate": 10,
            "max_rate": 24,
            "default_rate": 12,
        },
    )
    users = get_user_model().objects
    officer, _ = users.get_or_create(email="officer@bench.example", defaults={"full_name": "O"})
    ids = {"p": product.pk, "o": officer.pk, "n": n, "d": D}
    # Seeding only (the timed runs use the defaults): no WAL flush per commit, and no
    # per-row foreign-key triggers (the generated ids are consistent by construction).
    cur.execute("SET synchronous_commit = off")
    cur.execute("SET session_replication_role = replica")
    with indexes_deferred(cur, SEEDED_TABLES):
        seed_rows(cur, ids)
    cur.execute("RESET session_replication_role")
    cur.execute("RESET synchronous_commit")


SEEDED_TABLES = ["accounts_user", "loans_loanapplication", "loans_loan", "loans_installment"]
BORROWERS = "loan-%%@bench.example"  # (%% is psycopg's escaped %)


def seed_rows(cur, ids: dict) -> None:
    # One borrower per loan, as in most books: with a single borrower for every loan, the
    # day-end's borrower-wise NPA (collection.dayend.contagion) would pull all N loans
    # into NPA on the first night, which is no book's day-end.
    cur.execute(f"DELETE FROM accounts_user WHERE email LIKE '{BORROWERS}'")
    cur.execute(
        """
        INSERT INTO accounts_user (password, is_superuser, email, full_name, is_active,
            is_staff, date_joined)
        SELECT '!', false, 'loan-' || g || '@bench.example', 'B', true, false, now()
        FROM generate_series(1, %(n)s) g
        """,
        ids,
    )
    cur.execute(
        f"""
        INSERT INTO loans_loanapplication (amount, tenure, purpose, monthly_income,
            existing_emis, status, decision_reason, grade, reasons, kfs_hash,
            hard_stop_override_codes, hard_stop_override_reason, created_at,
            updated_at, borrower_id, created_by_id, product_id)
        SELECT 100000, 24, 'bench', 100000, 0, 'accepted', '', 'B', '[]'::jsonb, '',
               '[]'::jsonb, '', now(), now(), u.id, %(o)s, %(p)s
        FROM accounts_user u WHERE u.email LIKE '{BORROWERS}' ORDER BY u.id
        """,
        ids,
    )
    cur.execute(
        """
        INSERT INTO loans_loan (id, status, principal, annual_rate, tenure, interest_method,
            amortization, interest_period, frequency, installment_multiple, rounding,
            grace_on_principal, allocation_strategy, prepayment_strategy, processing_fee,
            net_disbursed, apr, kfs_hash, disbursed_on, disbursement_reference,
            principal_outstanding, dpd, bucket, created_at, updated_at, borrower_id,
            application_id, product_id, notes, reschedule_count, restructure_count,
            restructured, under_settlement)
        SELECT a.id, 'active', 100000, 12, 24, 'declining', 'equal_installments',
               'same_as_repayment', 'monthly', '0.01', 'half_even', 0,
               'penal_fees_interest_principal', 'reduce_tenure', 0, 100000, 12.68, '',
               %(d)s::date - (30 + (a.id * 7919) %% 670)::int, 'BENCH', 100000, 0, 'current',
               now(), now(), a.borrower_id, a.id, %(p)s, '', 0, 0, false, false
        FROM loans_loanapplication a ORDER BY a.id
        """,
        ids,
    )
    # k: how many of the loan's latest due installments are unpaid (85% none).
    cur.execute(
        """
        CREATE UNLOGGED TABLE bench_loans AS
        SELECT l.id, l.disbursed_on, h,
               CASE WHEN h < 850 THEN 0 WHEN h < 900 THEN 1 WHEN h < 935 THEN 2
                    WHEN h < 960 THEN 3 ELSE 4 + h %% 3 END AS k,
               (SELECT COUNT(*) FROM generate_series(1, 24) s
                 WHERE (l.disbursed_on + make_interval(months => s))::date <= %(d)s) AS m
        FROM (SELECT id, disbursed_on, (id * 2654435761) %% 1000 AS h FROM loans_loan) l
        """,
        ids,
    )
    cur.execute(
        """
        INSERT INTO loans_installment (loan_id, number, due_date, principal_due,
            interest_due, penal_due, fees_due, principal_paid, interest_paid, penal_paid,
            fees_paid, balance_after, paid_on)
        SELECT b.id, s.n, x.due, x.pd, x.idue, 0, 0,
               CASE WHEN x.paid THEN x.pd ELSE 0 END,
               CASE WHEN x.paid OR x.part THEN x.idue ELSE 0 END,
               0, 0, x.bal, CASE WHEN x.paid THEN x.due END
        FROM bench_loans b
        CROSS JOIN generate_series(1, 24) AS s(n)
        CROSS JOIN LATERAL (
            SELECT (b.disbursed_on + make_interval(months => s.n))::date AS due,
                   s.n <= b.m - LEAST(b.k, b.m) AS paid,
                   s.n = b.m - LEAST(b.k, b.m) + 1 AND b.k > 0 AND b.h %% 2 = 0 AS part,
                   CASE WHEN s.n = 24 THEN 100000 - 23 * 4166.67 ELSE 4166.67 END AS pd,
                   ROUND((100000 - (s.n - 1) * 4166.67) * 0.01, 2) AS idue,
                   CASE WHEN s.n = 24 THEN 0 ELSE 100000 - s.n * 4166.67 END AS bal
        ) x
        ORDER BY b.id, s.n
        """,
        ids,
    )


def cure_some(cur) -> int:
    """Between the two nights, 5% of the delinquent loans pay all their arrears."""
    cur.execute(
        f"""
        UPDATE loans_installment SET principal_paid = principal_due,
            interest_paid = interest_due, penal_paid = penal_due, fees_paid = fees_due,
            paid_on = %(d)s
        WHERE loan_id IN (SELECT id FROM bench_loans WHERE k > 0 AND id %% 20 = 0)
          AND due_date <= %(d)s AND {UNPAID}
        """,
        {"d": D},
    )
    return cur.rowcount


def floor_sql() -> str:
    return f"""
        SELECT COUNT(*), COALESCE(SUM(dpd), 0) FROM (
            SELECT %(d)s::date - MIN(due_date) + 1 AS dpd FROM loans_installment
            WHERE due_date <= %(d)s AND {UNPAID} GROUP BY loan_id
        ) s
        """


def floor_write_sql() -> str:
    return f"""
        UPDATE loans_loan l SET dpd = s.dpd FROM (
            SELECT loan_id, %(d)s::date - MIN(due_date) + 1 AS dpd FROM loans_installment
            WHERE due_date <= %(d)s AND {UNPAID} GROUP BY loan_id
        ) s
        WHERE l.id = s.loan_id AND l.dpd <> s.dpd
        """


def explain(cur, sql: str, params: dict) -> list[str]:
    cur.execute(f"EXPLAIN {sql}", params)
    return [row[0] for row in cur.fetchall()]


def day_end(business_date: date, *, workers: int, chunk_size: int):
    """The in-process job (workers=1) or its chunks shared by threads, each with its own
    connection, as Celery workers would share them (collection.tasks)."""
    from django.db import connections

    from collection.dayend import day_end_run, job

    if workers == 1:
        return day_end_run(business_date=business_date, chunk_size=chunk_size)
    run = job.day_end_plan(business_date=business_date, chunk_size=chunk_size)
    chunk_ids = list(run.chunks.order_by("lo_id").values_list("id", flat=True))

    def process(chunk_id):
        try:
            job.day_end_chunk_process(chunk_id=chunk_id)
        finally:
            connections.close_all()

    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(process, chunk_ids))
    return job.day_end_finish(run_id=run.pk)


def run_one(n: int, *, workers: int, chunk_size: int, parallel: int) -> dict:
    import django

    django.setup()
    from django.db import connection, transaction

    from collection.dayend import sql as dayend_sql
    from collection.dayend.buckets import bucket_table
    from collection.models import DayEndRun
    from loans.models import Loan

    result: dict = {"n": n, "workers": workers, "chunk_size": chunk_size, "parallel": parallel}
    with connection.cursor() as cur:
        cur.execute(
            "TRUNCATE loans_installment, loans_loan, loans_loanapplication, repayments_charge,"
            " collection_buckethistory, collection_collectioncase, collection_dayendchunk,"
            " collection_dayendrun, loans_journalline, loans_journalentry,"
            " accounts_auditevent RESTART IDENTITY CASCADE"
        )
        cur.execute("DROP TABLE IF EXISTS bench_loans")
        started = time.perf_counter()
        seed(cur, n)
        result["seed_s"] = time.perf_counter() - started
        started = time.perf_counter()
        cur.execute("VACUUM ANALYZE")
        result["analyze_s"] = time.perf_counter() - started

    started = time.perf_counter()
    first = day_end(D - timedelta(days=1), workers=workers, chunk_size=chunk_size)
    result["first_s"] = time.perf_counter() - started
    result["first_counts"] = first.counts
    with connection.cursor() as cur:
        result["cured_installments"] = cure_some(cur)
        # A day passes between two nights: autovacuum catches up (collection/0002 sets
        # loans_installment to be vacuumed after 1% of it changed).
        started = time.perf_counter()
        cur.execute("VACUUM ANALYZE loans_installment, loans_loan, collection_collectioncase")
        result["vacuum_s"] = time.perf_counter() - started

    tracemalloc.start()
    started = time.perf_counter()
    nightly = day_end(D, workers=workers, chunk_size=chunk_size)
    result["nightly_s"] = time.perf_counter() - started
    result["tracemalloc_peak_kib"] = tracemalloc.get_traced_memory()[1] / 1024
    tracemalloc.stop()
    result["nightly_counts"] = nightly.counts
    result["loans_processed"] = nightly.loans_processed

    with connection.cursor() as cur:
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            cur.execute(floor_sql(), {"d": D})
            delinquent, dpd_sum = cur.fetchone()
            timings.append(time.perf_counter() - started)
        result["floor_s"] = min(timings)
        result["floor_all_s"] = timings
        # The floor that also stores what it computes: one UPDATE setting the next night's
        # DPD of every delinquent loan, rolled back (the same rows the job rewrites).
        with transaction.atomic():
            started = time.perf_counter()
            cur.execute(floor_write_sql(), {"d": D + timedelta(days=1)})
            result["floor_write_s"] = time.perf_counter() - started
            result["floor_write_rows"] = cur.rowcount
            transaction.set_rollback(True)
        cur.execute("SELECT COUNT(*), COALESCE(SUM(dpd), 0) FROM loans_loan WHERE dpd > 0")
        result["check_dpd"] = {
            "job": list(cur.fetchone()),
            "floor": [delinquent, int(dpd_sum)],
        }
        chunk = DayEndRun.objects.get(business_date=D).chunks.order_by("lo_id").first()
        params = dayend_sql.ChunkParams(
            business_date=D,
            lo=chunk.lo_id,
            hi=chunk.hi_id,
            table=bucket_table(),
            escalation_enabled=True,
            escalation_threshold=90,
            now=nightly.finished_at,
        )
        with transaction.atomic():  # the work tables exist only inside a chunk
            dayend_sql.overdue_step(cur, params)
            result["plan_overdue"] = explain(cur, *dayend_sql.overdue_select(params))
            result["plan_state"] = explain(cur, *dayend_sql.state_select(params))
            transaction.set_rollback(True)
        result["plan_floor"] = explain(cur, floor_sql(), {"d": D})

    again = day_end(D, workers=1, chunk_size=chunk_size)
    result["rerun_noop"] = again.outcome == "already_completed"
    if parallel > 1:
        # The next night with the chunks shared by `parallel` workers (the Celery shape).
        with connection.cursor() as cur:
            cur.execute(  # the current loans pay what falls due that day
                f"""
                UPDATE loans_installment SET principal_paid = principal_due,
                    interest_paid = interest_due, paid_on = due_date
                WHERE loan_id IN (SELECT id FROM bench_loans WHERE k = 0)
                  AND due_date = %(d)s AND {UNPAID}
                """,
                {"d": D + timedelta(days=1)},
            )
            cur.execute("VACUUM ANALYZE loans_installment, loans_loan, collection_collectioncase")
        started = time.perf_counter()
        shared = day_end(D + timedelta(days=1), workers=parallel, chunk_size=chunk_size)
        result["parallel_s"] = time.perf_counter() - started
        result["parallel_counts"] = shared.counts
    with connection.cursor() as cur:
        cur.execute("DROP TABLE IF EXISTS bench_loans")
    result["loans"] = Loan.objects.count()
    result["ru_maxrss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


# --- parent ----------------------------------------------------------------------------


def child_env() -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"{SERVER}/{DB_NAME}",
        BENCH_DAYEND_DB=DB_NAME,
        DJANGO_SETTINGS_MODULE="lendingsite.settings",
        DJANGO_ENV="test",
        LOG_LEVEL="WARNING",
        ESCALATION_ENABLED="true",
        # As in production, the notices a night makes (one per penal charge levied) are
        # delivered by Celery workers after the chunk commits: the run publishes the
        # delivery tasks (to the in-memory broker here) and is timed without them, as
        # bench/payments.py times posting without the receipt's delivery.
        CELERY_TASK_ALWAYS_EAGER="false",
    )
    return env


def report(results: list[dict]) -> list[str]:
    lines = [
        "| N loans | first run s | nightly s | loans/s | floor: read s | ratio | floor: write s"
        " | ratio | next night, shared s | tracemalloc peak | ru_maxrss |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results:
        shared = f"{r['parallel_s']:.2f} ({r['parallel']} workers)" if "parallel_s" in r else "-"
        lines.append(
            f"| {r['n']:,} | {r['first_s']:.2f} | {r['nightly_s']:.2f} "
            f"| {r['n'] / r['nightly_s']:,.0f} | {r['floor_s']:.2f} "
            f"| {r['nightly_s'] / r['floor_s']:.1f}x | {r['floor_write_s']:.2f} "
            f"| {r['nightly_s'] / r['floor_write_s']:.1f}x | {shared} "
            f"| {r['tracemalloc_peak_kib']:.0f} KiB | {r['ru_maxrss_mib']:.0f} MiB |"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", default="10000,100000,1000000")
    parser.add_argument("--workers", type=int, default=1, help="workers for the timed nights")
    parser.add_argument(
        "--parallel", type=int, default=2, help="workers for one more night (1: skip it)"
    )
    parser.add_argument("--chunk-size", type=int, default=20000)  # DAY_END_CHUNK_SIZE
    parser.add_argument("--smoke", action="store_true", help="N=10,000, checks only (CI)")
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the child's N
    args = parser.parse_args()

    if args.one:
        os.environ.update(child_env())
        result = run_one(
            args.one, workers=args.workers, chunk_size=args.chunk_size, parallel=args.parallel
        )
        print(json.dumps(result))
        return 0

    sizes = [10_000] if args.smoke else [int(x) for x in args.n.split(",") if x]
    print(f"machine: {cpu_model()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME}")
    admin_sql(f"CREATE DATABASE {DB_NAME}")
    failures: list[str] = []
    results: list[dict] = []
    try:
        started = time.perf_counter()
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"],
            env=child_env(),
            check=True,
            cwd=ROOT,
        )
        print(f"migrated in {time.perf_counter() - started:.1f}s; business date D = {D}")
        for n in sizes:
            out = subprocess.run(
                [
                    sys.executable,
                    __file__,
                    "--one",
                    str(n),
                    "--workers",
                    str(args.workers),
                    "--parallel",
                    str(1 if args.smoke else args.parallel),
                    "--chunk-size",
                    str(args.chunk_size),
                ],
                env=child_env(),
                check=False,
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            if out.returncode:
                sys.stderr.write(out.stderr)
                failures.append(f"N={n}: the run failed (exit {out.returncode})")
                break
            r = json.loads(out.stdout.strip().splitlines()[-1])
            results.append(r)
            uses_index = any(
                "Index Only Scan using installment_unpaid_cover" in line
                for line in r["plan_overdue"]
            )
            print(
                f"N={n:,}: seed {r['seed_s']:.1f}s + analyze {r['analyze_s']:.1f}s; "
                f"first run {r['first_s']:.2f}s "
                f"({r['first_counts']['penal']['charges']:,} charges, "
                f"{r['first_counts']['cases']['opened']:,} cases opened); "
                f"nightly {r['nightly_s']:.2f}s ({n / r['nightly_s']:,.0f} loans/s; "
                f"{r['nightly_counts']['dpd']['bucket_changes']:,} bucket changes, "
                f"{r['nightly_counts']['penal']['charges']:,} charges, cases "
                f"+{r['nightly_counts']['cases']['opened']:,} "
                f"~{r['nightly_counts']['cases']['refreshed']:,} "
                f"-{r['nightly_counts']['cases']['resolved']:,}); "
                f"floor {r['floor_s']:.2f}s read ({r['nightly_s'] / r['floor_s']:.1f}x), "
                f"{r['floor_write_s']:.2f}s write of {r['floor_write_rows']:,} rows "
                f"({r['nightly_s'] / r['floor_write_s']:.1f}x); vacuum {r['vacuum_s']:.1f}s; "
                f"peak {r['tracemalloc_peak_kib']:.0f} KiB traced, "
                f"{r['ru_maxrss_mib']:.0f} MiB RSS"
            )
            print(f"  buckets: {r['nightly_counts']['dpd']['buckets']}")
            if "parallel_s" in r:
                print(
                    f"  next night, {r['parallel']} workers sharing the chunks: {r['parallel_s']:.2f}s"
                )
            print(f"  index-only scan of the partial index in the overdue plan: {uses_index}")
            for line in r["plan_overdue"]:
                if "Index" in line or "Scan" in line:
                    print(f"    {line.strip()}")
            print(f"  floor plan: {' / '.join(x.strip() for x in r['plan_floor'][:4])}")
            if r["check_dpd"]["job"] != r["check_dpd"]["floor"]:
                failures.append(f"N={n}: DPD differs from the floor {r['check_dpd']}")
            if not r["rerun_noop"]:
                failures.append(f"N={n}: the second run was not a no-op")
            if not uses_index:
                failures.append(f"N={n}: the overdue query is not index-only on the partial index")
            if r["loans_processed"] != n:
                failures.append(f"N={n}: processed {r['loans_processed']} loans")
    finally:
        if not args.keep:
            admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME}")
    print()
    print("\n".join(report(results)))
    for result in results:
        if result["n"] >= 1_000_000:
            seconds = result["nightly_s"] <= GOAL_SECONDS
            print(f"goal: 1M in <= {GOAL_SECONDS:.0f}s: {seconds}")
            for floor in ("floor_s", "floor_write_s"):
                ratio = result["nightly_s"] / result[floor]
                print(f"goal: <= {GOAL_RATIO:.0f}x the {floor}: {ratio <= GOAL_RATIO}")
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
