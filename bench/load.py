"""Load benchmark: the mixed workload against gunicorn on PostgreSQL, with /healthz in the
same run as the baseline.

    .venv/bin/python bench/load.py [--users 50] [--seconds 30] [--workers 4] [--keep]
                                   [--think-ms 0]

1. Creates lendingsite_bench_load_<pid>, migrates it and seeds the demo book
   (`manage.py seed_demo`: every role, products, borrowers with loans in every state);
   mints what the virtual users present: borrowers a session cookie (the pages) and a JWT
   (the API), finance and the loan officer a JWT carrying the second factor's claims.
2. Measures queries per request of each request type in-process (Django's test client
   under CaptureQueriesContext: the same views, middleware and authentication).
   A GET is asked twice: the second count is what a repeated read costs (a borrower's
   own reads are kept: lendingsite.readcache).
3. Starts gunicorn (`--workers`, sync, production settings: DJANGO_ENV=production, Redis
   cache, the throttles raised so they do not answer instead of the views) on
   127.0.0.1:$BENCH_PORT (8775), then drives it with `--users` concurrent virtual users
   (asyncio + httpx, keep-alive; each pausing `--think-ms` on average after every answer,
   0 by default: back to back), first /healthz alone, then the mix:
   borrowers 50% (dashboard page, loan list, loan detail, schedule), officers 20%
   (loan list, payment list, cases), anonymous quotes 20%, finance posting a payment 10%.
4. Reports per request type: requests/s, p50/p95/p99, errors; and per phase the CPU the
   gunicorn workers spent per request (from /proc), and beside it what PostgreSQL + Redis
   and the driver itself spent (the driver runs on the same machine and competes with the
   server for the cores), and the load average.

Results and the machine: docs/benchmarks.md ("Load"). Ratios against /healthz of the
same run are what to compare across runs (the machine is shared).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from datetime import UTC
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SERVER = os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")
DB = os.environ.get("BENCH_LOAD_DB") or f"lendingsite_bench_load_{os.getpid()}"
PORT = int(os.environ.get("BENCH_PORT", "8775"))
REDIS = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/6")
# Fixed keys: the seeding (development settings) and the server (production) must agree.
KEYS = {
    "DJANGO_SECRET_KEY": "bench-load-secret-key-" + "x" * 40,
    "FIELD_ENCRYPTION_KEYS": "Zm9yLWJlbmNoLW9ubHktMzItYnl0ZXMta2V5LTAwMDA=",
    "PII_HASH_KEY": "bench-pii-hash-key-0123456789abcdef0123456789",
    "OPS_TOKEN": "bench-ops-token",
}
MIX = [("borrower", 50), ("officer", 20), ("quote", 20), ("finance", 10)]


def env(production: bool) -> dict:
    e = dict(os.environ)
    e.update(KEYS)
    e.update(
        DATABASE_URL=f"{SERVER}/{DB}",
        REDIS_URL=REDIS,
        DJANGO_ENV="production" if production else "development",
        DJANGO_SETTINGS_MODULE="lendingsite.settings",
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost,testserver",
        SITE_URL=f"http://127.0.0.1:{PORT}",
        SECURE_SSL_REDIRECT="false",
        LOG_LEVEL="WARNING",
        CELERY_TASK_ALWAYS_EAGER="false",
        CELERY_TASK_DEFAULT_QUEUE=f"bench-load-sink-{os.getpid()}",
        THROTTLE_USER="1000000/min",
        THROTTLE_ANON="1000000/min",
        THROTTLE_QUOTES="1000000/min",
        PYTHONPATH=str(ROOT),
        STATIC_ROOT=f"/tmp/{DB}-static",
    )
    return e


# --- setup (a child with Django) --------------------------------------------------------


def setup() -> dict:
    import django

    django.setup()
    from importlib import import_module

    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from rest_framework_simplejwt.tokens import AccessToken

    from accounts.models import User
    from accounts.twofactor.policy import MFA_CLAIM, REAUTH_CLAIM, is_staff_user
    from loans.models import Loan, LoanProduct

    def jwt(user) -> str:
        token = AccessToken.for_user(user)
        if is_staff_user(user):
            token[MFA_CLAIM] = True
            token[REAUTH_CLAIM] = int(time.time())
        return str(token)

    def session(user) -> str:
        store = import_module(settings.SESSION_ENGINE).SessionStore()  # as the server reads
        store["_auth_user_id"] = str(user.pk)
        store["_auth_user_backend"] = "django.contrib.auth.backends.ModelBackend"
        store["_auth_user_hash"] = user.get_session_auth_hash()
        store.create()
        return store.session_key

    active = Loan.objects.filter(status="active").order_by("id")
    borrowers = []
    for user in User.objects.filter(loans__isnull=False).distinct().order_by("id")[:20]:
        loan = Loan.objects.filter(borrower=user).order_by("id").first()
        borrowers.append({"session": session(user), "jwt": jwt(user), "loan": loan.pk})
    finance = User.objects.get(groups__name="finance", email__startswith="finance")
    officer = User.objects.get(groups__name="loan_officer", email__startswith="loan")
    collector = User.objects.filter(groups__name="collector").order_by("id").first()
    product = LoanProduct.objects.filter(is_active=True).order_by("id").first()
    data = {
        "borrowers": borrowers,
        "finance": jwt(finance),
        "officer": jwt(officer),
        "collector": jwt(collector),
        "post_loans": list(active.values_list("id", flat=True)[:50]),
        "product": product.code,
    }

    # Queries per request type, in-process (the test client, so no gunicorn in between).
    queries = {}
    client = Client(HTTP_HOST="127.0.0.1")
    b = borrowers[0]
    for name, method, path, kwargs in requests_for(data, b, probe=True):
        headers = {k: v for k, v in kwargs.get("headers", {}).items()}
        extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
        if "cookies" in kwargs:
            client.cookies["sessionid"] = kwargs["cookies"]["sessionid"]
        counts = []
        for _ in range(2 if method == "GET" else 1):  # a GET twice: computed, then as kept
            with CaptureQueriesContext(connection) as ctx:
                if method == "GET":
                    response = client.get(path, **extra)
                else:
                    response = client.post(
                        path,
                        data=json.dumps(kwargs["json"]),
                        content_type="application/json",
                        **extra,
                    )
            counts.append(str(len(ctx.captured_queries)))
        client.cookies.pop("sessionid", None)
        queries[name] = {"queries": " / ".join(counts), "status": response.status_code}
    data["queries"] = queries
    return data


def requests_for(data: dict, borrower: dict, *, probe: bool = False):
    """Every request type once: (name, method, path, httpx kwargs)."""
    bearer = {"Authorization": f"Bearer {borrower['jwt']}"}
    loan = borrower["loan"]
    yield "healthz", "GET", "/healthz", {}
    yield (
        "borrower dashboard (page)",
        "GET",
        "/dashboard/",
        {"cookies": {"sessionid": borrower["session"]}},
    )
    yield "borrower loans (API)", "GET", "/api/v1/loans/", {"headers": bearer}
    yield "borrower loan (API)", "GET", f"/api/v1/loans/{loan}/", {"headers": bearer}
    yield "borrower schedule (API)", "GET", f"/api/v1/loans/{loan}/schedule/", {"headers": bearer}
    officer = {"Authorization": f"Bearer {data['officer']}"}
    yield "officer loans list (API)", "GET", "/api/v1/loans/", {"headers": officer}
    yield "officer payments list (API)", "GET", "/api/v1/payments/", {"headers": officer}
    collector = {"Authorization": f"Bearer {data['collector']}"}
    yield "officer cases list (API)", "GET", "/api/v1/collection/cases/", {"headers": collector}
    yield (
        "anonymous quote",
        "POST",
        "/api/v1/quotes/",
        {"json": {"product": data["product"], "principal": "150000.00", "tenure": 24}},
    )
    yield "finance posts a payment", "POST", "/api/v1/payments/", payment(data, probe=probe)


def payment(data: dict, *, probe: bool = False) -> dict:
    from datetime import datetime, timedelta

    today = (datetime.now(UTC) + timedelta(hours=5, minutes=30)).date()  # IST
    return {
        "headers": {
            "Authorization": f"Bearer {data['finance']}",
            "Idempotency-Key": str(uuid.uuid4()),
        },
        "json": {
            "loan": random.choice(data["post_loans"]),
            "amount": "100.00",
            "paid_on": today.isoformat(),
            "channel": "neft",
            "utr": f"BENCH{uuid.uuid4().hex[:16].upper()}",
        },
    }


# --- the driver ---------------------------------------------------------------------------


def worker_cpu_seconds(master: int) -> float:
    """utime+stime of gunicorn's workers (the master's children), from /proc."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for pid in Path(f"/proc/{master}/task/{master}/children").read_text().split():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
        except (FileNotFoundError, IndexError):
            pass
    return total


def named_cpu_seconds(*names: str) -> float:
    """utime+stime of every process whose command is one of `names` (PostgreSQL's backends,
    Redis), from /proc: the rest of the machine's work for the same answers."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            head, rest = stat.read_text().rsplit(")", 1)
        except (FileNotFoundError, ProcessLookupError):
            continue
        if head.split("(", 1)[1] in names:
            fields = rest.split()
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


async def drive(
    data: dict, *, users: int, seconds: float, healthz_only: bool, think: float = 0.0
) -> dict:
    import httpx

    samples: dict[str, list[float]] = {}
    errors: dict[str, dict[int, int]] = {}
    # Built before the clock starts: each client costs ~20 ms of the driver's loop (its TLS
    # context), and built inside the run, 50 of them held the first answers unread for about
    # a second, which was the "stall" in every p99 before this.
    clients = [
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{PORT}", timeout=60) for _ in range(users)
    ]
    deadline = time.monotonic() + seconds
    kinds = [k for k, w in MIX for _ in range(w)]

    def pick(rng: random.Random):
        if healthz_only:
            return [("healthz", "GET", "/healthz", {})]
        kind = rng.choice(kinds)
        borrower = rng.choice(data["borrowers"])
        every = {name: (name, m, p, kw) for name, m, p, kw in requests_for(data, borrower)}
        if kind == "borrower":
            return [every[n] for n in every if n.startswith("borrower")]
        if kind == "officer":
            return [every[rng.choice([n for n in every if n.startswith("officer")])]]
        if kind == "quote":
            return [every["anonymous quote"]]
        return [("finance posts a payment", "POST", "/api/v1/payments/", payment(data))]

    async def user(index: int):
        rng = random.Random(index)
        async with clients[index] as client:
            while time.monotonic() < deadline:
                for name, method, path, kwargs in pick(rng):
                    client.cookies.clear()
                    for key, value in kwargs.get("cookies", {}).items():
                        client.cookies.set(key, value)
                    started = time.perf_counter()
                    response = await client.request(
                        method, path, headers=kwargs.get("headers"), json=kwargs.get("json")
                    )
                    elapsed = time.perf_counter() - started
                    samples.setdefault(name, []).append(elapsed)
                    if response.status_code >= 400:
                        by = errors.setdefault(name, {})
                        by[response.status_code] = by.get(response.status_code, 0) + 1
                    if think:  # a person reading the answer: 0.5-1.5x the mean, not lock-step
                        await asyncio.sleep(think * rng.uniform(0.5, 1.5))

    started = time.monotonic()
    await asyncio.gather(*(user(i) for i in range(users)))
    wall = time.monotonic() - started
    return {"wall": wall, "samples": samples, "errors": errors}


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def summarise(phase: str, result: dict, cpu: float, queries: dict) -> list[str]:
    everything = [v for vs in result["samples"].values() for v in vs]
    total = len(everything)
    lines = [
        f"{phase}: {total / result['wall']:.1f} req/s, p50 {pct(everything, 0.5):.0f} ms, "
        f"p95 {pct(everything, 0.95):.0f} ms, p99 {pct(everything, 0.99):.0f} ms, "
        f"CPU {cpu / total * 1000:.1f} ms/request (gunicorn workers), "
        f"PostgreSQL+Redis {result['services_cpu'] / total * 1000:.1f}, "
        f"driver {result['driver_cpu'] / total * 1000:.1f}, "
        f"load average {os.getloadavg()[0]:.2f}"
    ]
    for name, values in sorted(result["samples"].items()):
        errs = result["errors"].get(name, {})
        lines.append(
            f"  | {name} | {len(values) / result['wall']:.1f} | {pct(values, 0.5):.0f} "
            f"| {pct(values, 0.95):.0f} | {pct(values, 0.99):.0f} "
            f"| {queries.get(name, {}).get('queries', '-')} | {errs or ''} |"
        )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument(
        "--think-ms",
        type=float,
        default=0,
        help="mean pause of each user after each answer (0: back to back, the saturation "
        "test; ~300 ms: users who read what they get, the issue's open-ended measurement)",
    )
    parser.add_argument("--setup", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.setup:
        print(json.dumps(setup()))
        return 0

    import psycopg

    with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB]).fetchone()
        reuse = args.keep and exists  # --keep with BENCH_LOAD_DB: seed once, run many times
        if not reuse:
            conn.execute(f"DROP DATABASE IF EXISTS {DB}")
            conn.execute(f"CREATE DATABASE {DB}")
    gunicorn = None
    try:
        py = sys.executable
        # Production's static storage serves from collectstatic's manifest.
        commands = [(True, ["collectstatic", "--noinput", "-v0"])]
        if not reuse:
            commands = [(False, ["migrate", "-v0"]), (False, ["seed_demo"]), *commands]
        for production, command in commands:
            subprocess.run(
                [py, "manage.py", *command],
                env=env(production),
                cwd=ROOT,
                check=True,
                capture_output=True,
            )
        out = subprocess.run(
            [py, __file__, "--setup"], env=env(False), cwd=ROOT, capture_output=True, text=True
        )
        if out.returncode:
            sys.stderr.write(out.stderr)
            return 1
        data = json.loads(out.stdout.strip().splitlines()[-1])
        print("queries per request (in-process):")
        for name, q in data["queries"].items():
            print(f"  {name}: {q['queries']} queries (status {q['status']})")

        gunicorn = subprocess.Popen(
            [
                str(Path(py).with_name("gunicorn")), "lendingsite.wsgi", "--bind",
                f"127.0.0.1:{PORT}", "--workers", str(args.workers), "--log-level", "warning",
            ],
            env=env(True),
            cwd=ROOT,
            start_new_session=True,
            stdout=open(f"/tmp/{DB}-gunicorn.log", "ab"),  # noqa: SIM115 (lives with gunicorn)
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        import httpx

        for _ in range(100):
            try:
                if httpx.get(f"http://127.0.0.1:{PORT}/healthz").status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.3)
        # Warm every worker (imports, connections) before anything is timed.
        asyncio.run(drive(data, users=args.users, seconds=3, healthz_only=False))

        report = {}
        for phase, only in (("healthz", True), ("mixed", False)):
            cpu0, driver0 = worker_cpu_seconds(gunicorn.pid), time.process_time()
            services0 = named_cpu_seconds("postgres", "redis-server")
            result = asyncio.run(
                drive(
                    data,
                    users=args.users,
                    seconds=args.seconds,
                    healthz_only=only,
                    think=args.think_ms / 1000,
                )
            )
            cpu = worker_cpu_seconds(gunicorn.pid) - cpu0
            result["driver_cpu"] = time.process_time() - driver0
            result["services_cpu"] = named_cpu_seconds("postgres", "redis-server") - services0
            lines = summarise(phase, result, cpu, data["queries"])
            print("\n".join(lines))
            everything = [v for vs in result["samples"].values() for v in vs]
            report[phase] = {
                "rps": len(everything) / result["wall"],
                "p95_ms": pct(everything, 0.95),
                "cpu_ms": cpu / len(everything) * 1000,
            }
        h, m = report["healthz"], report["mixed"]
        print(
            f"mixed vs /healthz: throughput {m['rps'] / h['rps']:.2f}x, "
            f"p95 {m['p95_ms'] / h['p95_ms']:.1f}x, CPU/request {m['cpu_ms'] / h['cpu_ms']:.1f}x"
        )
        print(json.dumps(report))
    finally:
        if gunicorn is not None:
            os.killpg(gunicorn.pid, signal.SIGTERM)
            gunicorn.wait(timeout=30)
        if not args.keep:
            import psycopg

            with psycopg.connect(f"{SERVER}/postgres", autocommit=True) as conn:
                conn.execute(f"DROP DATABASE IF EXISTS {DB} WITH (FORCE)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
