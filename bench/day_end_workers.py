"""The day-end across Celery worker processes on a real broker, compared with one process.

    .venv/bin/python bench/day_end_workers.py [--n 10000] [--chunk-size 500] [--workers 2]
                                              [--no-kill] [--keep] [--template DB]
    .venv/bin/python bench/day_end_workers.py --n 1000000 --chunk-size 20000 \
        --workers 1,2,4 --no-kill --template lendingsite_bench_book_1000000

Seeds one book (bench/day_end.py's seeding: N loans of 24 installments, ~15% delinquent)
in a template database (or, with --template, uses a book bench/book.py already seeded at
that N, and leaves it in place), clones it once per run, and runs the day-end for the same
date:

1. **single**: `manage.py run_day_end` in one process (the in-process path);
2. **workers**: for each count in `--workers` (e.g. 1,2,4), that many Celery worker
   processes (`celery -A lendingsite worker -c 1`) on the broker, the run planned and
   dispatched as beat does (`day_end_dispatch`: a chord of chunk tasks, then
   `day_end_finish`);
3. **killed**: the same with the largest count, but once a quarter of the chunks are done
   one worker is killed
   with SIGKILL (mid-chunk: its transaction dies with its connection), a replacement is
   started and the run dispatched again (what an operator, or the next beat, does); it
   resumes the chunks not done.

Then compares each worker database with the single process's: row counts of every table,
and the content of every table the day-end writes (loans, installments, charges, journal,
bucket history, cases, notifications; generated ids and timestamps left out, since chunks
finish in a different order) plus the audit events by action. Any difference fails (exit 1).
The content is compared as the count and the sum of a 64-bit hash (md5) of every row: it
does not depend on row order and, unlike one string of all rows, fits in memory at 24
million installments.

Broker: $BENCH_BROKER_URL, else $REDIS_URL, else redis://127.0.0.1:6379/0 (an
amqp://guest:guest@127.0.0.1:5672// URL works too; results always go to Redis, which chords
need). Queues of its own per invocation (CELERY_DAY_END_QUEUE for the day-end's tasks, which
the workers consume; CELERY_TASK_DEFAULT_QUEUE for the notices the chunks queue, which
nobody consumes here, as in the single run), so workers of anything else on the same broker
never take these tasks. CI runs it at N=10,000
(.ci/run). Timings go to docs/benchmarks.md ("Day-end across workers").
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
PREFIX = f"lendingsite_bench_workers_{os.getpid()}"
QUEUE = f"bench-dayend-{os.getpid()}"
# Everything else the run queues (a notice per penal charge) goes here, and nobody consumes
# it: the single-process run does not deliver notices either, and delivering them would
# time the mail path, not the day-end. Deleted at the end.
SINK = f"bench-sink-{os.getpid()}"
REDIS = os.environ.get("REDIS_URL") or "redis://127.0.0.1:6379/0"
BROKER = os.environ.get("BENCH_BROKER_URL") or REDIS

# The tables the day-end writes, and the columns that legitimately differ between runs
# (generated ids, timestamps, ids of rows generated in chunk order).
COMPARED = {
    "loans_loan": {"updated_at"},
    "loans_installment": set(),
    "repayments_charge": {"id", "created_at", "journal_entry_id"},
    "loans_journalentry": {"id", "created_at"},
    "loans_journalline": {"id", "entry_id"},
    "collection_buckethistory": {"id", "created_at"},
    "collection_collectioncase": {"id", "updated_at"},
    # The dedupe key embeds the generated charge id ("charge_levied:<id>:in_app"); not_before
    # is the chunk's clock.
    "collection_notification": {"id", "dedupe_key", "not_before"},
}
# Planning the same date twice (the killed run's resume) is one more event of its own.
AUDIT_PLANNING = ("day_end.started", "day_end.resumed")


def admin(statement: str) -> None:
    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        conn.execute(statement)


def env_for(db: str) -> dict:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"{SERVER}/{db}",
        DJANGO_SETTINGS_MODULE="lendingsite.settings",
        DJANGO_ENV="test",
        LOG_LEVEL="WARNING",
        ESCALATION_ENABLED="true",
        REDIS_URL=REDIS,
        CELERY_BROKER_URL=BROKER,
        CELERY_RESULT_BACKEND=REDIS,
        CELERY_TASK_DEFAULT_QUEUE=SINK,
        CELERY_DAY_END_QUEUE=QUEUE,
        CELERY_TASK_ALWAYS_EAGER="false",
        PYTHONPATH=str(ROOT),
    )
    return env


def load() -> str:
    return "/".join(f"{x:.2f}" for x in os.getloadavg())


def python() -> str:
    return sys.executable


# --- children --------------------------------------------------------------------------


def child_seed(n: int) -> None:
    import django

    django.setup()
    import day_end as bench  # bench/day_end.py: the same book as the day-end benchmark
    from django.db import connection

    with connection.cursor() as cur:
        bench.seed(cur, n)
        cur.execute("DROP TABLE IF EXISTS bench_loans")
        cur.execute("VACUUM ANALYZE")


def child_dispatch(chunk_size: int) -> None:
    import django

    django.setup()
    import day_end as bench

    from collection.tasks.dayend import day_end_dispatch

    print(day_end_dispatch(business_date=bench.D, chunk_size=chunk_size))


# --- parent ----------------------------------------------------------------------------


def business_date() -> str:
    import day_end as bench

    return bench.D.isoformat()


def run_state(db: str) -> tuple[str | None, int, int]:
    with psycopg.connect(f"{SERVER}/{db}") as conn:
        row = conn.execute(
            "SELECT r.status, COUNT(c.id) FILTER (WHERE c.done), COUNT(c.id)"
            " FROM collection_dayendrun r LEFT JOIN collection_dayendchunk c ON c.run_id = r.id"
            " WHERE r.business_date = %s AND r.forced_loan_id IS NULL GROUP BY r.status",
            [business_date()],
        ).fetchone()
    return row if row else (None, 0, 0)


def wait_for(db: str, *, until, timeout: float) -> tuple[str | None, int, int]:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = run_state(db)
        if until(state):
            return state
        time.sleep(0.2)
    raise TimeoutError(f"{db}: run still {run_state(db)} after {timeout:.0f}s")


def start_worker(db: str, name: str, log: Path) -> subprocess.Popen:
    # Its own session, so SIGKILL reaches the worker and its pool child at once.
    return subprocess.Popen(
        [
            python(), "-m", "celery", "-A", "lendingsite", "worker", "-c", "1", "-Q", QUEUE,
            "-n", f"{name}@%h", "--without-gossip", "--without-mingle", "--without-heartbeat",
            "-l", "warning",
        ],
        env=env_for(db),
        cwd=ROOT,
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip


def stop(workers: list[subprocess.Popen]) -> None:
    for proc in workers:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGTERM)
    for proc in workers:
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def dispatch(db: str, chunk_size: int) -> None:
    subprocess.run(
        [python(), __file__, "--dispatch", str(chunk_size)],
        env=env_for(db),
        cwd=ROOT,
        check=True,
        capture_output=True,
    )


def run_with_workers(db: str, *, workers: int, chunk_size: int, kill: bool, log: Path) -> dict:
    procs = [start_worker(db, f"w{i}", log) for i in range(workers)]
    result: dict = {}
    try:
        time.sleep(2)  # the workers connect to the broker (they would pick the tasks up anyway)
        started = time.perf_counter()
        dispatch(db, chunk_size)
        if kill:
            state = wait_for(db, until=lambda s: s[2] and s[1] >= s[2] // 4, timeout=600)
            os.killpg(procs[0].pid, signal.SIGKILL)
            procs[0].wait()
            after_kill = run_state(db)
            result["killed_at"] = {"done": state[1], "of": state[2], "status": after_kill[0]}
            if after_kill[0] == "completed":
                raise RuntimeError("the run completed before the kill; use a larger --n")
            procs.append(start_worker(db, "w-replacement", log))
            dispatch(db, chunk_size)  # resume: plans "resumed", sends the chunks not done
        final = wait_for(db, until=lambda s: s[0] in ("completed", "failed"), timeout=1800)
        result["seconds"] = time.perf_counter() - started
        result["status"] = final[0]
    finally:
        stop(procs)
    return result


def snapshot(db: str) -> dict:
    out: dict = {"counts": {}, "content": {}, "audit": {}}
    with psycopg.connect(f"{SERVER}/{db}") as conn:
        tables = [
            r[0]
            for r in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"
            )
        ]
        for table in tables:
            out["counts"][table] = conn.execute(f'SELECT COUNT(*) FROM "{table}"').fetchone()[0]
        for table, skip in COMPARED.items():
            columns = [
                r[0]
                for r in conn.execute(
                    "SELECT column_name FROM information_schema.columns WHERE table_name = %s"
                    " ORDER BY ordinal_position",
                    [table],
                )
                if r[0] not in skip and not r[0].endswith("_at")
            ]
            cols = ", ".join(f'"{c}"' for c in columns)
            out["content"][table] = "{}:{}".format(
                *conn.execute(
                    "SELECT COUNT(*), COALESCE(SUM(('x' || LEFT(md5(r), 16))::bit(64)::bigint"
                    f'::numeric), 0) FROM (SELECT ROW({cols})::text AS r FROM "{table}") s'
                ).fetchone()
            )
        out["audit"] = dict(
            conn.execute(
                "SELECT action, COUNT(*) FROM accounts_auditevent"
                " WHERE action <> ALL(%s) GROUP BY action ORDER BY action",
                [list(AUDIT_PLANNING)],
            ).fetchall()
        )
        out["run"] = conn.execute(
            "SELECT loans_processed, counts->'penal', counts->'cases' FROM collection_dayendrun"
            " WHERE business_date = %s AND forced_loan_id IS NULL",
            [business_date()],
        ).fetchone()
    out["counts"].pop("accounts_auditevent", None)  # compared by action above
    out["counts"].pop("collection_dayendchunk", None)  # the same plan; compared via the run
    return out


def differences(name: str, reference: dict, other: dict) -> list[str]:
    found = []
    for part in ("counts", "content", "audit"):
        for key in sorted(set(reference[part]) | set(other[part])):
            if reference[part].get(key) != other[part].get(key):
                found.append(
                    f"{name}: {part} of {key}: {other[part].get(key)} "
                    f"(single process: {reference[part].get(key)})"
                )
    if reference["run"] != other["run"]:
        found.append(f"{name}: run totals {other['run']} (single process: {reference['run']})")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=10_000)
    parser.add_argument("--chunk-size", type=int, default=500)
    parser.add_argument("--workers", default="2", help="worker counts, e.g. 1,2,4")
    parser.add_argument("--no-kill", action="store_true", help="skip the SIGKILL run")
    parser.add_argument("--keep", action="store_true", help="keep the databases afterwards")
    parser.add_argument("--template", help="a book seeded by bench/book.py at this --n")
    parser.add_argument("--seed", type=int, help=argparse.SUPPRESS)  # child: seed N
    parser.add_argument("--dispatch", type=int, help=argparse.SUPPRESS)  # child: chunk size
    args = parser.parse_args()
    if args.seed:
        child_seed(args.seed)
        return 0
    if args.dispatch:
        child_dispatch(args.dispatch)
        return 0

    counts = [int(x) for x in args.workers.split(",") if x]
    keys = ["single", *(f"workers{k}" for k in counts)] + ([] if args.no_kill else ["killed"])
    names = {k: f"{PREFIX}_{k}" for k in ["base", *keys]}
    if args.template:
        names["base"] = args.template
    log = Path(os.environ.get("BENCH_LOG", f"/tmp/{PREFIX}.log"))
    print(f"{os.cpu_count()} CPUs; load average {load()}; broker {BROKER}")
    failures: list[str] = []
    try:
        if not args.template:
            admin(f"CREATE DATABASE {names['base']}")
            started = time.perf_counter()
            subprocess.run(
                [python(), "manage.py", "migrate", "-v0"], env=env_for(names["base"]),
                cwd=ROOT, check=True,
            )  # fmt: skip
            subprocess.run(
                [python(), __file__, "--seed", str(args.n)], env=env_for(names["base"]),
                cwd=ROOT, check=True,
            )  # fmt: skip
            print(f"seeded {args.n:,} loans in {time.perf_counter() - started:.1f}s")

        def clone(key: str) -> None:
            # Each clone made just before its run (at 1M a clone is several GB of disk).
            started = time.perf_counter()
            admin(
                f"CREATE DATABASE {names[key]} TEMPLATE {names['base']}"
                + (" STRATEGY FILE_COPY" if args.template else "")
            )
            print(f"{key}: cloned in {time.perf_counter() - started:.1f}s")

        clone("single")
        print(f"single process: starting, load average {load()}")
        started = time.perf_counter()
        subprocess.run(
            [python(), "manage.py", "run_day_end", "--date", business_date(),
             "--chunk-size", str(args.chunk_size)],
            env=env_for(names["single"]), cwd=ROOT, check=True, capture_output=True,
        )  # fmt: skip
        single_s = time.perf_counter() - started
        reference = snapshot(names["single"])
        print(f"single process: {single_s:.2f}s; run totals {reference['run']}; load {load()}")
        result = {"n": args.n, "chunk_size": args.chunk_size, "single_s": single_s}

        for count in counts:
            clone(f"workers{count}")
            print(f"{count} worker processes: starting, load average {load()}")
            shared = run_with_workers(
                names[f"workers{count}"],
                workers=count,
                chunk_size=args.chunk_size,
                kill=False,
                log=log,
            )
            print(
                f"{count} worker processes: {shared['seconds']:.2f}s ({shared['status']}), "
                f"{single_s / shared['seconds']:.2f}x the single process; load {load()}"
            )
            name = f"workers{count}"
            failures += differences(name, reference, snapshot(names[name]))
            result[f"workers_{count}_s"] = shared["seconds"]
            if not args.keep:  # one 1M clone at a time on the disk
                admin(f"DROP DATABASE IF EXISTS {names[name]} WITH (FORCE)")

        if "killed" in names:
            clone("killed")
            killed = run_with_workers(
                names["killed"],
                workers=max(counts),
                chunk_size=args.chunk_size,
                kill=True,
                log=log,
            )
            k = killed["killed_at"]
            print(
                f"SIGKILL of a worker after {k['done']}/{k['of']} chunks (run {k['status']}), "
                f"replacement started and the run dispatched again: {killed['status']} "
                f"after {killed['seconds']:.2f}s"
            )
            failures += differences("killed", reference, snapshot(names["killed"]))
            result["killed"] = killed
        print(json.dumps(result))
    finally:
        if BROKER.startswith("redis"):
            import redis

            redis.Redis.from_url(BROKER).delete(SINK, QUEUE)
        if not args.keep:
            for key in keys:
                admin(f"DROP DATABASE IF EXISTS {names[key]} WITH (FORCE)")
            if not args.template:
                admin(f"DROP DATABASE IF EXISTS {names['base']} WITH (FORCE)")
    for failure in failures:
        print(f"FAILED: {failure}", file=sys.stderr)
    if not failures:
        print("identical: the worker runs left the same rows and sums as the single process")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
