"""Seed one book of N loans into a database kept as a template for the other benchmarks.

    .venv/bin/python bench/book.py --n 1000000 [--db lendingsite_bench_book_1000000]

Seeding 1,000,000 loans (24,000,000 installments) is the slow part of the 1M benchmarks,
so it is done once: this creates the database (on $BENCH_POSTGRES_URL), migrates it, seeds
bench/day_end.py's book (N loans of 24 monthly installments, ~15% delinquent; the work
table bench_loans kept, bench/month_end.py needs it) and runs VACUUM ANALYZE. Then

    bench/month_end.py --n 1000000 --template <db>
    bench/day_end_workers.py --n 1000000 --template <db> ...

clone it (`CREATE DATABASE ... TEMPLATE ... STRATEGY FILE_COPY`: a file copy, not a
re-seed) and leave it in place. Drop it by hand afterwards. An existing database of that
name is dropped first.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")


def clone(template: str, name: str) -> None:
    """A copy of the seeded book: FILE_COPY copies the files after a checkpoint, where the
    default WAL_LOG strategy would write the whole book through the WAL again."""
    import day_end

    day_end.admin_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
    day_end.admin_sql(f"CREATE DATABASE {name} TEMPLATE {template} STRATEGY FILE_COPY")


def child(n: int) -> None:
    import django

    django.setup()
    import day_end
    from django.db import connection

    with connection.cursor() as cur:
        started = time.perf_counter()
        day_end.seed(cur, n)
        # The seed's work table is unlogged; a clone must carry its rows (month_end reads it).
        cur.execute("ALTER TABLE bench_loans SET LOGGED")
        seeded = time.perf_counter() - started
        started = time.perf_counter()
        cur.execute("VACUUM ANALYZE")
        print(
            f"seeded {n:,} loans in {seeded:.1f}s; VACUUM ANALYZE {time.perf_counter() - started:.1f}s"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--db")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        child(args.one)
        return 0
    import day_end

    db = args.db or f"lendingsite_bench_book_{args.n}"
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"{SERVER}/{db}",
        DJANGO_SETTINGS_MODULE="lendingsite.settings",
        DJANGO_ENV="test",
        LOG_LEVEL="WARNING",
    )
    print(f"machine: {day_end.cpu_model()}, {os.cpu_count()} CPUs; load {os.getloadavg()}")
    day_end.admin_sql(f"DROP DATABASE IF EXISTS {db} WITH (FORCE)")
    day_end.admin_sql(f"CREATE DATABASE {db}")
    started = time.perf_counter()
    subprocess.run([sys.executable, "manage.py", "migrate", "-v0"], env=env, cwd=ROOT, check=True)
    print(f"migrated in {time.perf_counter() - started:.1f}s")
    subprocess.run([sys.executable, __file__, "--one", str(args.n)], env=env, cwd=ROOT, check=True)
    print(f"book {db} ready ({time.perf_counter() - started:.1f}s in all); load {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
