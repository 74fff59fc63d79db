"""Benchmark the officer console's dashboard and its largest report on PostgreSQL, against
a floor measured in the same run: one indexed `SELECT count(*)` of the loans.

    /work/main/.venv/bin/python bench/console.py [--n 100000] [--keep]

Creates lendingsite_console_bench_<pid> on $BENCH_POSTGRES_URL (default
postgres://postgres@127.0.0.1:5432), migrates it, seeds N active loans of 24 installments
with bench/day_end.py's SQL seed (about 15% delinquent), runs the day-end for D (which
writes the portfolio snapshot), then measures, each as the best of five with the Django
test client as a superuser (the page's full cost: middleware, template, SQL):

- floor: `SELECT count(*) FROM loans_loan` (an index-only scan of the primary key);
- dashboard: GET /admin/dashboard/ (reads only the snapshot tables);
- report: the disbursement register (one row per loan, N rows) as CSV (best of two) and
  as XLSX (best of two: the second run is under tracemalloc, which alone slows the
  allocation-heavy writer several times, so one untraced run is needed for its time), the
  body consumed to the end.

For each: seconds, SQL queries, and the tracemalloc peak of Python allocations during the
request. Results and their reading: docs/benchmarks.md ("Officer console").
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import tracemalloc
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
DB_NAME = os.environ.get("BENCH_CONSOLE_DB") or f"lendingsite_console_bench_{os.getpid()}"


def child_env() -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"{SERVER}/{DB_NAME}",
        BENCH_CONSOLE_DB=DB_NAME,
        DJANGO_SETTINGS_MODULE="lendingsite.settings",
        DJANGO_ENV="test",
        LOG_LEVEL="WARNING",
        CELERY_TASK_ALWAYS_EAGER="false",
    )
    return env


def measure(fn, *, repeat: int = 5) -> dict:
    """Best wall time of `repeat` calls; queries and tracemalloc peak of the last one."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    best = float("inf")
    for i in range(repeat):
        last = i == repeat - 1
        if last:
            tracemalloc.start()
            ctx = CaptureQueriesContext(connection)
            ctx.__enter__()
        started = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - started)
        if last:
            ctx.__exit__(None, None, None)
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
    return {"seconds": round(best, 4), "queries": len(ctx), "peak_kib": peak // 1024}


def run(n: int) -> dict:
    import django

    django.setup()
    from day_end import D, cpu_model, seed
    from django.db import connection
    from django.test import Client

    from accounts.models import User
    from accounts.twofactor.testing import mark_session_verified
    from collection.dayend import day_end_run

    result: dict = {
        "n": n,
        "machine": f"{cpu_model()}, {os.cpu_count()} CPUs",
        "load_before": os.getloadavg()[0],
    }
    with connection.cursor() as cur:
        started = time.perf_counter()
        seed(cur, n)
        cur.execute("VACUUM ANALYZE")
        result["seed_seconds"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    day_end_run(business_date=D - timedelta(days=1))
    result["day_end_seconds"] = round(time.perf_counter() - started, 1)
    from collection.dayend.snapshot import portfolio_snapshot_write

    started = time.perf_counter()
    portfolio_snapshot_write(business_date=D - timedelta(days=1))
    result["snapshot_write_seconds"] = round(time.perf_counter() - started, 2)

    admin = User.objects.create_superuser(email="bench-admin@bench.example", password="x")
    client = Client()
    client.force_login(admin)
    mark_session_verified(client, admin)

    def floor():
        with connection.cursor() as cur:
            cur.execute("SELECT count(*) FROM loans_loan")
            cur.fetchone()

    def dashboard():
        response = client.get("/admin/dashboard/")
        assert response.status_code == 200, response.status_code
        assert b"PAR 30" in response.content

    def report(fmt: str):
        def go():
            response = client.get("/admin/reports/disbursement-register/", {"format": fmt})
            assert response.status_code == 200, response.status_code
            size = sum(len(chunk) for chunk in response.streaming_content)
            result[f"report_{fmt}_bytes"] = size

        return go

    result["floor"] = measure(floor)
    result["dashboard"] = measure(dashboard)
    result["report_csv"] = measure(report("csv"), repeat=2)
    result["report_xlsx"] = measure(report("xlsx"), repeat=2)
    # The floor again at the end: the machine is shared, so its load may have moved.
    result["floor_after"] = measure(floor)
    base = result["floor"]["seconds"]
    for key in ("dashboard", "report_csv", "report_xlsx"):
        result[key]["ratio_to_floor"] = round(result[key]["seconds"] / base, 1)
    result["load_after"] = os.getloadavg()[0]
    return result


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", default="100000")
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--child", type=int)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(run(args.child)))
        return 0
    import psycopg

    env = child_env()
    results = []
    for n in [int(x) for x in args.n.split(",")]:
        with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}"')
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')
        try:
            py = sys.executable
            subprocess.run(
                [py, "manage.py", "migrate", "--noinput", "-v", "0"], cwd=ROOT, env=env, check=True
            )
            out = subprocess.run(
                [py, __file__, "--child", str(n)],
                cwd=ROOT,
                env=env,
                check=True,
                capture_output=True,
                text=True,
            )
            results.append(json.loads(out.stdout.strip().splitlines()[-1]))
            print(json.dumps(results[-1], indent=2))
        finally:
            if not args.keep:
                with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
                    conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}"')
    return 0


if __name__ == "__main__":
    sys.exit(main())
