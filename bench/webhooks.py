"""Benchmark the webhook outbox and delivery on PostgreSQL.

    .venv/bin/python bench/webhooks.py --loans 400 --payments 4000 --workers 2

Creates a throwaway database (``--db``, default ``lendingsite_hooks_bench``), seeds active
loans with bench/payments.py's seeding, then in the same run:

1. Payment posting with the outbox OFF and ON (settings.WEBHOOK_OUTBOX_ENABLED), on
   disjoint slices of the loans, alternating off, on, off, on, … (``--rounds`` pairs),
   so drift in machine load hits both. With the outbox on every posting also
   writes its payment.posted row (and loan.closed when it pays the loan off) and asks for
   a dispatch after the commit (published to Celery's in-memory broker, as production
   publishes to Redis). Reports payments/s and events/s for each.
2. Delivery: every outbox row is dispatched to one endpoint, a local HTTP receiver in a
   separate process (answers 200 at once), and delivered by ``--workers`` processes
   calling the real delivery_attempt (claim, sign with standardwebhooks, POST, record the
   attempt). Baselines in the same run: the same bodies POSTed with requests, unsigned,
   with nothing recorded, and with the pinned sender alone (resolve + check + urllib3 to
   the checked address; integrations.http). Reports deliveries/s and the ratios.
"""

from __future__ import annotations

import argparse
import http.server
import multiprocessing
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.payments import (  # noqa: E402
    _post_share,
    database_create,
    database_drop,
    django_setup,
    plan_payments,
    run_pool,
    seed,
)


def _post_with_outbox(enabled: bool):
    def worker(args):
        from django.conf import settings

        settings.WEBHOOK_OUTBOX_ENABLED = enabled
        return _post_share(args)

    return worker


def _post_off(args):
    return _post_with_outbox(False)(args)


def _post_on(args):
    return _post_with_outbox(True)(args)


class _Ok(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_POST(self):
        self.rfile.read(int(self.headers.get("content-length", 0)))
        self.send_response(200)
        self.send_header("content-length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


def _serve(port_queue):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Ok)
    port_queue.put(server.server_port)
    server.serve_forever()


def _deliver_share(args):
    ids = args[0]
    from django.db import connection

    from integrations.services.deliveries import delivery_attempt

    times, errors = [], {}
    for pk in ids:
        start = time.perf_counter()
        status = delivery_attempt(delivery_id=pk)
        times.append(time.perf_counter() - start)
        if status != "succeeded":
            errors[str(status)] = errors.get(str(status), 0) + 1
    connection.close()
    return _result(times, errors)


def _plain_share(args):
    bodies, url = args[0], os.environ["BENCH_RECEIVER"]
    import requests

    times = []
    for body in bodies:
        start = time.perf_counter()
        requests.post(url, data=body.encode(), headers={"content-type": "application/json"})
        times.append(time.perf_counter() - start)
    return _result(times, {})


def _pinned_share(args):
    """The sender delivery_attempt uses (integrations.http): resolve once, check, POST to
    the checked address with urllib3; unsigned, nothing recorded. Against the requests
    baseline it shows what pinning costs by itself."""
    bodies, url = args[0], os.environ["BENCH_RECEIVER"]
    from integrations import http, ssrf

    times = []
    for body in bodies:
        start = time.perf_counter()
        target = ssrf.target_resolve(url)
        http.pinned_post(
            target,
            body=body.encode(),
            headers={"content-type": "application/json"},
            connect_timeout=3,
            read_timeout=10,
        )
        times.append(time.perf_counter() - start)
    return _result(times, {})


def _result(times, errors):
    import resource

    return {
        "times": times,
        "errors": errors,
        "maxrss_kib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        "cpu_client": 0.0,
        "cpu_server": 0.0,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--loans", type=int, default=400)
    parser.add_argument("--payments", type=int, default=4000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--db", default="lendingsite_hooks_bench")
    parser.add_argument("--rounds", type=int, default=3, help="off/on pairs, alternating")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    os.environ["WEBHOOK_ALLOW_PRIVATE_TARGETS"] = "true"

    database_create(args.server, args.db)
    try:
        django_setup(args.server, args.db)
        from django.core.management import call_command

        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        loan_ids = seed(args.loans)
        print(f"seeded {len(loan_ids)} active loans in {time.perf_counter() - started:.1f}s")
        from integrations.models import WebhookEvent

        WebhookEvent.objects.all().delete()  # the seeding's own events
        rounds = args.rounds * 2
        size = len(loan_ids) // rounds
        runs = []
        for index in range(rounds):
            label, worker = ("off", _post_off) if index % 2 == 0 else ("on", _post_on)
            ids = loan_ids[index * size : (index + 1) * size]
            plan = plan_payments(ids, args.payments // rounds)
            plan = [(a, b, c, d, f"R{index}{utr}") for a, b, c, d, utr in plan]  # unique UTRs
            before = WebhookEvent.objects.count()
            result = run_pool(worker, plan, args.workers, args.server, args.db)
            result["events"] = WebhookEvent.objects.count() - before
            runs.append((label, result))
            print(
                f"outbox {label:>3}: {result['rate']:7.1f} payments/s  p50 {result['p50']:.2f} ms"
                f"  p95 {result['p95']:.2f} ms  events {result['events']}"
                + (f"  errors {result['errors']}" if result["errors"] else "")
            )
        totals = {}
        for label in ("off", "on"):
            mine = [r for lab, r in runs if lab == label]
            seconds = sum(r["seconds"] for r in mine)
            totals[label] = sum(r["count"] for r in mine) / seconds
            events = sum(r["events"] for r in mine) / seconds
            p95 = sorted(r["p95"] for r in mine)[len(mine) // 2]
            # CPU per payment (worker + PostgreSQL backend) is less at the mercy of other
            # load on the machine than the wall-clock rate.
            count = sum(r["count"] for r in mine)
            cpu = sum((r["cpu_client_ms"] + r["cpu_server_ms"]) * r["count"] for r in mine) / count
            print(
                f"total outbox {label}: {totals[label]:.1f} payments/s, {events:.1f} events/s,"
                f" median p95 {p95:.1f} ms, CPU {cpu:.2f} ms/payment"
            )
        print(f"ratio (off / on payments/s): {totals['off'] / totals['on']:.3f}")

        queue = multiprocessing.get_context("fork").Queue()
        receiver = multiprocessing.get_context("fork").Process(
            target=_serve, args=(queue,), daemon=True
        )
        receiver.start()
        url = f"http://127.0.0.1:{queue.get()}/hook"
        os.environ["BENCH_RECEIVER"] = url
        from accounts.models import User
        from integrations.models import WebhookDelivery, WebhookEndpoint
        from integrations.services.deliveries import envelope, events_dispatch
        from integrations.signing import body_render

        owner = User.objects.get(email="poster@bench.example")
        WebhookEndpoint.objects.create(owner=owner, url=url, secret="whsec_" + "QUJD" * 8)
        while events_dispatch():
            pass
        ids = list(WebhookDelivery.objects.order_by("id").values_list("pk", flat=True))
        bodies = [body_render(envelope(e)) for e in WebhookEvent.objects.order_by("id")]
        delivered = _pool_ids(_deliver_share, ids, args)
        plain = _pool_ids(_plain_share, bodies, args)
        pinned = _pool_ids(_pinned_share, bodies, args)
        receiver.terminate()
        print(
            f"delivery_attempt: {delivered['rate']:7.1f}/s  p50 {delivered['p50']:.2f} ms"
            f"  p95 {delivered['p95']:.2f} ms  ({delivered['count']} deliveries)"
            + (f"  errors {delivered['errors']}" if delivered["errors"] else "")
        )
        print(
            f"plain requests.post: {plain['rate']:7.1f}/s  p50 {plain['p50']:.2f} ms"
            f"  p95 {plain['p95']:.2f} ms"
        )
        print(
            f"pinned urllib3 post: {pinned['rate']:7.1f}/s  p50 {pinned['p50']:.2f} ms"
            f"  p95 {pinned['p95']:.2f} ms"
        )
        print(f"ratio (plain / delivery_attempt): {plain['rate'] / delivered['rate']:.2f}x")
        print(f"ratio (plain / pinned): {plain['rate'] / pinned['rate']:.2f}x")
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            database_drop(args.server, args.db)


def _pool_ids(worker, items, args):
    import statistics

    from django.db import connections

    shares = [items[i :: args.workers] for i in range(args.workers)]
    connections.close_all()
    ctx = multiprocessing.get_context("fork")
    start = time.perf_counter()
    with ctx.Pool(args.workers) as pool:
        results = pool.map(worker, [(share,) for share in shares])
    elapsed = time.perf_counter() - start
    times = sorted(t for r in results for t in r["times"])
    errors: dict = {}
    for r in results:
        for k, v in r["errors"].items():
            errors[k] = errors.get(k, 0) + v
    return {
        "count": len(times),
        "rate": len(times) / elapsed,
        "p50": times[len(times) // 2] * 1000,
        "p95": times[int(len(times) * 0.95)] * 1000,
        "mean": statistics.fmean(times) * 1000,
        "errors": errors,
    }


if __name__ == "__main__":
    main()
