"""Benchmark the auto-debit presentation job (mandates.services.presentations_run) on
PostgreSQL against a same-run floor.

    .venv/bin/python bench/presentation.py [--n 100000] [--keep]

Creates its own database (lendingsite_bench_present_<pid> on $BENCH_POSTGRES_URL, default
postgres://postgres@127.0.0.1:5432), migrates it, seeds N active loans DIRECTLY in SQL, all
disbursed on the same day with 3 monthly installments (so every loan has one due on the
same date), each with an active sandbox mandate, then, in this order:

1. floor: one hand-written INSERT ... SELECT of the same rows (loan, installment, amount)
   into an unlogged table: the least any set-based presentation can cost;
2. the job for the day before the due date, timed, under tracemalloc;
3. the job again (idempotent: presents 0) timed.

Reports seconds, loans/s, the ratio to the floor, the tracemalloc peak and ru_maxrss.
Results: docs/benchmarks.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
import tracemalloc
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

DB_NAME = os.environ.get("BENCH_PRESENT_DB") or f"lendingsite_bench_present_{os.getpid()}"
SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
DISBURSED = date(2026, 5, 10)
DUE = date(2026, 6, 10)


def admin_sql(statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(statement)


def seed(cur, n: int) -> None:
    from day_end import indexes_deferred
    from django.contrib.auth import get_user_model

    from loans.models import LoanProduct

    product, _ = LoanProduct.objects.get_or_create(
        code="bench",
        defaults={
            "name": "Bench personal loan",
            **{"min_amount": 10000, "max_amount": 1000000, "min_tenure": 3, "max_tenure": 60},
            **{"min_rate": 10, "max_rate": 24, "default_rate": 12},
        },
    )
    users = get_user_model().objects
    borrower, _ = users.get_or_create(email="borrower@bench.example", defaults={"full_name": "B"})
    ids = {"p": product.pk, "b": borrower.pk, "n": n, "d": DISBURSED}
    cur.execute("SET synchronous_commit = off")
    cur.execute("SET session_replication_role = replica")
    # The plain indexes are dropped during the load and rebuilt after (bench/day_end.py).
    with indexes_deferred(cur, SEEDED_TABLES):
        seed_rows(cur, ids)
    cur.execute("RESET session_replication_role")
    cur.execute("RESET synchronous_commit")
    cur.execute("VACUUM ANALYZE")


SEEDED_TABLES = ["loans_loanapplication", "loans_loan", "loans_installment", "mandates_mandate"]


def seed_rows(cur, ids: dict) -> None:
    cur.execute(
        """
        INSERT INTO loans_loanapplication (amount, tenure, purpose, monthly_income,
            existing_emis, status, decision_reason, grade, reasons, kfs_hash,
            hard_stop_override_codes, hard_stop_override_reason, created_at,
            updated_at, borrower_id, created_by_id, product_id)
        SELECT 30000, 3, 'bench', 100000, 0, 'accepted', '', 'B', '[]'::jsonb, '',
               '[]'::jsonb, '', now(), now(), %(b)s, %(b)s, %(p)s
        FROM generate_series(1, %(n)s)
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
        SELECT a.id, 'active', 30000, 12, 3, 'declining', 'equal_installments',
               'same_as_repayment', 'monthly', '0.01', 'half_even', 0,
               'penal_fees_interest_principal', 'reduce_tenure', 0, 30000, 12.68, '',
               %(d)s, 'BENCH', 30000, 0, 'current', now(), now(), %(b)s, a.id, %(p)s, '',
               0, 0, false, false
        FROM loans_loanapplication a ORDER BY a.id
        """,
        ids,
    )
    cur.execute(
        """
        INSERT INTO loans_installment (loan_id, number, due_date, principal_due,
            interest_due, penal_due, fees_due, principal_paid, interest_paid, penal_paid,
            fees_paid, balance_after, paid_on)
        SELECT l.id, s.n, (%(d)s::date + make_interval(months => s.n))::date, 10000,
               ROUND((30000 - (s.n - 1) * 10000) * 0.01, 2), 0, 0, 0, 0, 0, 0,
               30000 - s.n * 10000, NULL
        FROM loans_loan l CROSS JOIN generate_series(1, 3) AS s(n) ORDER BY l.id, s.n
        """,
        ids,
    )
    cur.execute(
        """
        INSERT INTO mandates_mandate (loan_id, bank_account_id, adapter, reference, max_amount,
            frequency, start_on, end_on, umrn, status, reason_code, reason, created_at)
        SELECT l.id, 1, 'sandbox', 'MDT' || l.id, 20000, 'MNTH', %(d)s, %(d)s + 120,
               'UMRN' || l.id, 'active', '', '', now()
        FROM loans_loan l
        """,
        ids,
    )


FLOOR = """
CREATE UNLOGGED TABLE bench_floor AS
SELECT l.id AS loan_id, i.id AS installment_id, m.id AS mandate_id,
       LEAST(i.owed, m.max_amount) AS amount
FROM mandates_mandate m JOIN loans_loan l ON l.id = m.loan_id
JOIN loans_installment i ON i.loan_id = l.id
WHERE m.status = 'active' AND l.status = 'active' AND i.due_date = %s AND i.owed > 0
"""


def time_statements() -> list:
    """Where the job's time goes: each of its statements (the module's `_exec`) timed, its
    first words and row count kept. A wrapper around one call per statement, so the job's
    own time is not changed by it."""
    from mandates.services import presentation

    steps: list = []
    original = presentation._exec

    def timed(sql: str, params: list) -> int:
        started = time.perf_counter()
        rows = original(sql, params)
        steps.append((" ".join(sql.split())[:70], rows, time.perf_counter() - started))
        return rows

    presentation._exec = timed
    return steps


def child(n: int) -> None:
    import django

    django.setup()
    from datetime import timedelta

    from django.db import connection

    from mandates.services import presentations_run

    print(f"load average at the start: {os.getloadavg()}")
    with connection.cursor() as cur:
        started = time.perf_counter()
        seed(cur, n)
        print(f"seeded {n} loans in {time.perf_counter() - started:.1f}s")
        started = time.perf_counter()
        cur.execute(FLOOR, [DUE])
        floor = time.perf_counter() - started
        cur.execute("SELECT COUNT(*) FROM bench_floor")
        floor_rows = cur.fetchone()[0]
    steps = time_statements()
    tracemalloc.start()
    started = time.perf_counter()
    run = presentations_run(business_date=DUE - timedelta(days=1))
    job = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    for statement, rows, seconds in steps:
        print(f"  {seconds:7.2f}s {rows:>9} rows  {statement}")
    steps.clear()
    started = time.perf_counter()
    again = presentations_run(business_date=DUE - timedelta(days=1))
    second = time.perf_counter() - started
    print("  second run:")
    for statement, rows, seconds in steps:
        print(f"  {seconds:7.2f}s {rows:>9} rows  {statement}")
    assert run.presented == floor_rows == n, (run, floor_rows)
    assert again.presented == 0
    print(
        f"N={n}: floor {floor:.2f}s ({floor_rows} rows); job {job:.2f}s "
        f"({n / job:,.0f} loans/s, {job / floor:.1f}x the floor); second run {second:.2f}s "
        f"(presented {again.presented}); tracemalloc peak {peak / 1e6:.1f} MB; "
        f"ru_maxrss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    print(f"load average at the end: {os.getloadavg()}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"{SERVER}/{DB_NAME}",
        BENCH_PRESENT_DB=DB_NAME,
        DJANGO_SETTINGS_MODULE="lendingsite.settings",
        DJANGO_ENV="test",
        LOG_LEVEL="WARNING",
    )
    if args.one:
        os.environ.update(env)
        child(args.one)
        return 0
    with open("/proc/cpuinfo", encoding="utf-8") as handle:
        cpu = next(
            (line.split(":", 1)[1].strip() for line in handle if line.startswith("model name")), "?"
        )
    print(f"machine: {cpu}, {os.cpu_count()} CPUs")
    admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME}")
    admin_sql(f"CREATE DATABASE {DB_NAME}")
    try:
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"],
            env=env,
            check=True,
            cwd=ROOT,
        )
        subprocess.run(
            [sys.executable, __file__, "--one", str(args.n)], env=env, check=True, cwd=ROOT
        )
    finally:
        if not args.keep:
            admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
