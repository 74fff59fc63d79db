"""Benchmark the month-end close (accounting.close) on PostgreSQL against a floor.

    .venv/bin/python bench/month_end.py [--n 100000,1000000] [--chunk-size N] [--keep]
    .venv/bin/python bench/month_end.py --n 1000000 --template lendingsite_bench_book_1000000

Creates its own database (lendingsite_bench_monthend_<pid> on $BENCH_POSTGRES_URL), migrates
it, and for each N in a fresh child process:

1. seeds N active loans of 24 monthly installments directly in SQL (bench/day_end.py's
   seed: 85 % current, the rest 1-6 installments behind), with each loan's disbursement
   entry in the ledger (Dr Loan Portfolio / Cr Bank), and the loans 4+ installments
   behind in the NPA bucket; VACUUM ANALYZE;
2. "close": the month-end close for D (30 Jun 2026), timed, under tracemalloc: every
   active loan's accrual (earned to D from its schedule), NPA suspense, classification,
   provision with its per-loan detail and entries;
3. the floor on the same data: one UPDATE over the same loans (rolled back), best of 3;
4. checks: a second close is a no-op; the trial balance balances; the accrual of a sample
   of loans equals accounting.rules computed in Python.

With --template (one N): the database is a clone of a book already seeded by bench/book.py
(the same seed, done once for the 1M benchmarks) and step 1 adds only the ledger.

Reports loans/s, the ratio to the floor, tracemalloc peak and ru_maxrss (after the close,
before the checks). Results and their
reading: docs/benchmarks.md.
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
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

DB_NAME = os.environ.get("BENCH_MONTHEND_DB") or f"lendingsite_bench_monthend_{os.getpid()}"
SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
D = date(2026, 6, 30)


def admin_sql(statement: str) -> None:
    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(statement)


def seed_ledger(cur) -> None:
    """One disbursement entry per loan (what loan_disburse posts, without the fee), and
    the NPA bucket for the loans four or more installments behind."""
    from loans import ledger
    from loans.models import LedgerAccount

    ids = dict(LedgerAccount.objects.values_list("code", "id"))
    cur.execute("SET synchronous_commit = off")
    cur.execute("SET session_replication_role = replica")
    cur.execute(
        "INSERT INTO loans_journalentry (id, entry_date, kind, loan_id, memo, reference,"
        " created_at) SELECT l.id, l.disbursed_on, 'disbursement', l.id, '', 'BENCH', now()"
        " FROM loans_loan l"
    )
    cur.execute(
        "SELECT setval(pg_get_serial_sequence('loans_journalentry', 'id'),"
        " (SELECT MAX(id) FROM loans_journalentry))"
    )
    cur.execute(
        "INSERT INTO loans_journalline (entry_id, account_id, loan_id, debit, credit)"
        " SELECT l.id, %(p)s, l.id, o.out, 0 FROM loans_loan l JOIN ("
        "   SELECT loan_id, SUM(principal_due - principal_paid) AS out"
        "   FROM loans_installment GROUP BY loan_id) o ON o.loan_id = l.id"
        " UNION ALL"
        " SELECT l.id, %(b)s, l.id, 0, o.out FROM loans_loan l JOIN ("
        "   SELECT loan_id, SUM(principal_due - principal_paid) AS out"
        "   FROM loans_installment GROUP BY loan_id) o ON o.loan_id = l.id",
        {"p": ids[ledger.LOAN_PORTFOLIO], "b": ids[ledger.BANK]},
    )
    cur.execute(
        "UPDATE loans_loan l SET bucket = 'NPA', dpd = 95 + b.k * 30 FROM bench_loans b"
        " WHERE b.id = l.id AND b.k >= 4"
    )
    cur.execute("RESET session_replication_role")
    cur.execute("RESET synchronous_commit")


def run_one(n: int, *, chunk_size: int, cloned: bool) -> dict:
    import django

    django.setup()
    from day_end import seed
    from django.db import connection, transaction
    from django.db.models.functions import Mod

    from accounting.close.job import month_end_run
    from accounting.rules import Period, interest_earned
    from accounting.selectors import trial_balance
    from loans.models import Installment, JournalLine, Loan

    result: dict = {"n": n, "chunk_size": chunk_size, "cloned": cloned}
    with connection.cursor() as cur:
        started = time.perf_counter()
        if not cloned:
            cur.execute("DROP TABLE IF EXISTS bench_loans")
            seed(cur, n)
        seed_ledger(cur)
        result["seed_s"] = time.perf_counter() - started
        cur.execute("VACUUM ANALYZE")

    tracemalloc.start()
    started = time.perf_counter()
    run = month_end_run(business_date=D, chunk_size=chunk_size)
    result["close_s"] = time.perf_counter() - started
    result["tracemalloc_peak_kib"] = tracemalloc.get_traced_memory()[1] / 1024
    tracemalloc.stop()
    # The close's own RSS: the checks below load rows of their own.
    result["ru_maxrss_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["counts"] = run.counts
    result["loans_processed"] = run.loans_processed

    timings = []
    for _ in range(3):
        with transaction.atomic(), connection.cursor() as cur:
            started = time.perf_counter()
            cur.execute(
                "UPDATE loans_loan SET principal_outstanding = principal_outstanding + 0"
                " WHERE status = 'active'"
            )
            timings.append(time.perf_counter() - started)
            transaction.set_rollback(True)
    result["floor_s"] = min(timings)

    lines = JournalLine.objects.count()
    again = month_end_run(business_date=D, chunk_size=chunk_size)
    result["rerun_noop"] = again.outcome == "already_completed" and (
        JournalLine.objects.count() == lines
    )
    result["balanced"] = trial_balance(as_of=D)["balanced"]
    sample_ok = True
    # Every (n // 50)th loan, picked in SQL: a stepped slice of a queryset would load every
    # current loan into Python (3.6 GB of RSS at 1,000,000 before this was measured apart).
    step = max(1, n // 50)
    sample = Loan.objects.filter(bucket="current").alias(r=Mod("id", step)).filter(r=0)
    for loan in sample.order_by("id")[:50]:
        start, periods = loan.disbursed_on, []
        for row in Installment.objects.filter(loan=loan).order_by("number"):
            periods.append(Period(start, row.due_date, row.interest_due))
            start = row.due_date
        posted = sum(
            x.debit
            for x in JournalLine.objects.filter(
                loan=loan, entry__kind="interest_accrual", account__code="INTEREST_RECEIVABLE"
            )
        )
        sample_ok &= posted == interest_earned(periods, D)
    result["sample_equal"] = sample_ok
    result["ru_maxrss_checks_mib"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return result


def child_env() -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"{SERVER}/{DB_NAME}",
        BENCH_MONTHEND_DB=DB_NAME,
        DJANGO_SETTINGS_MODULE="lendingsite.settings",
        DJANGO_ENV="test",
        LOG_LEVEL="WARNING",
    )
    return env


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", default="100000")
    parser.add_argument("--chunk-size", type=int, default=20000)  # MONTH_END_CHUNK_SIZE
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--template", help="clone this seeded book (bench/book.py), one N")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--cloned", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        os.environ.update(child_env())
        result = run_one(args.one, chunk_size=args.chunk_size, cloned=args.cloned)
        print(json.dumps(result, default=str))
        return 0
    sizes = [int(x) for x in args.n.split(",") if x]
    if args.template and len(sizes) != 1:
        parser.error("--template takes one --n (the book's)")
    from day_end import cpu_model

    print(f"machine: {cpu_model()}, {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"load average at the start: {os.getloadavg()}")
    failures = []
    if args.template:
        from book import clone

        started = time.perf_counter()
        clone(args.template, DB_NAME)
        print(f"cloned {args.template} in {time.perf_counter() - started:.1f}s")
    else:
        admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME}")
        admin_sql(f"CREATE DATABASE {DB_NAME}")
    try:
        if not args.template:
            subprocess.run(
                [sys.executable, str(ROOT / "manage.py"), "migrate", "-v0"],
                env=child_env(),
                check=True,
                cwd=ROOT,
            )
        print("| N loans | close s | loans/s | floor (one UPDATE) s | ratio | peak traced | RSS |")
        print("|---:|---:|---:|---:|---:|---:|---:|")
        for n in sizes:
            command = [sys.executable, __file__, "--one", str(n)]
            command += ["--chunk-size", str(args.chunk_size)]
            out = subprocess.run(
                command + (["--cloned"] if args.template else []),
                env=child_env(),
                cwd=ROOT,
                capture_output=True,
                text=True,
                check=False,
            )
            if out.returncode:
                sys.stderr.write(out.stderr[-4000:])
                failures.append(f"N={n}: failed")
                break
            r = json.loads(out.stdout.strip().splitlines()[-1])
            print(
                f"| {n:,} | {r['close_s']:.2f} | {n / r['close_s']:,.0f} | {r['floor_s']:.2f} "
                f"| {r['close_s'] / r['floor_s']:.1f}x | {r['tracemalloc_peak_kib']:.0f} KiB "
                f"| {r['ru_maxrss_mib']:.0f} MiB |"
            )
            print(f"  seed {r['seed_s']:.1f}s; counts: {json.dumps(r['counts'])}")
            print(f"  load average at the end: {os.getloadavg()}")
            print(
                f"  second close no-op: {r['rerun_noop']}; trial balance balanced: "
                f"{r['balanced']}; sample accrual equals the rules: {r['sample_equal']}"
            )
            for check in ("rerun_noop", "balanced", "sample_equal"):
                if not r[check]:
                    failures.append(f"N={n}: {check} failed")
    finally:
        if not args.keep:
            admin_sql(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
