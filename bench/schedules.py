"""Benchmark the pure schedule engine (loans.schedule) on one core.

    .venv/bin/python bench/schedules.py [--count N] [--seed S] [--trace-count M]

Two timings, both single process and pinned to one CPU where the OS allows it:

1. ``random``: N schedules with random terms (seeded): tenure 6-60, every interest method,
   amortization, interest period, frequency, multiple, rounding mode and some grace.
2. ``24m declining``: N monthly, declining-balance, equal-installment schedules of 24
   installments (random principal and rate).

Terms are generated (and validated) before the clock starts; the timed loop is
``build_schedule`` only. A separate, shorter pass under ``tracemalloc`` reports the peak
memory traced while building schedules one after another (results discarded);
``ru_maxrss`` is the whole process's peak resident set (it includes the pre-built terms).
The goal is at least 10,000 24-installment schedules per second.
"""

from __future__ import annotations

import argparse
import gc
import os
import platform
import random
import resource
import sys
import time
import tracemalloc
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

GOAL_24 = 10_000


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def pin_to_one_core() -> str:
    if hasattr(os, "sched_setaffinity"):
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return f"pinned to CPU {cpu}"
    return "not pinned (no sched_setaffinity)"


def random_terms(rng: random.Random, count: int) -> list:
    from loans.schedule import ScheduleTerms

    start = date(2024, 1, 1)
    terms = []
    for _ in range(count):
        tenure = rng.randint(6, 60)
        terms.append(
            ScheduleTerms(
                principal=Decimal(rng.randint(1_000_000, 500_000_000)).scaleb(-2),
                annual_rate=Decimal(rng.randint(0, 3600)).scaleb(-2),
                tenure=tenure,
                disbursement_date=start + timedelta(days=rng.randint(0, 6 * 365)),
                interest_method=rng.choice(("declining", "declining", "flat")),
                amortization=rng.choice(("equal_installments", "equal_principal")),
                interest_period=rng.choice(("same_as_repayment", "daily")),
                frequency=rng.choice(("monthly", "monthly", "fortnightly", "weekly")),
                installment_multiple=rng.choice((Decimal("0.01"), Decimal("1.00"))),
                rounding=rng.choice(("half_even", "half_up", "up")),
                grace_on_principal=rng.choice((0, 0, 0, 1, 2, 3)),
            )
        )
    return terms


def monthly_24_terms(rng: random.Random, count: int) -> list:
    from loans.schedule import ScheduleTerms

    start = date(2024, 1, 1)
    return [
        ScheduleTerms(
            principal=Decimal(rng.randint(1_000_000, 500_000_000)).scaleb(-2),
            annual_rate=Decimal(rng.randint(600, 3600)).scaleb(-2),
            tenure=24,
            disbursement_date=start + timedelta(days=rng.randint(0, 6 * 365)),
        )
        for _ in range(count)
    ]


def time_builds(terms: list) -> tuple[float, int]:
    from loans.schedule import build_schedule

    rows = 0
    gc.collect()
    started = time.perf_counter()
    for item in terms:
        rows += len(build_schedule(item).installments)
    return time.perf_counter() - started, rows


def time_formula_only(terms: list) -> float:
    """Baseline: the bare Decimal EMI formula, once per schedule, on the same terms. The
    ratio full schedule / formula shows what building and rounding 24 rows costs."""
    from loans.schedule import equated_installment

    gc.collect()
    started = time.perf_counter()
    for item in terms:
        equated_installment(item.principal, item.annual_rate, item.tenure)
    return time.perf_counter() - started


def traced_peak(terms: list) -> int:
    from loans.schedule import build_schedule

    gc.collect()
    tracemalloc.start()
    tracemalloc.reset_peak()
    for item in terms:
        build_schedule(item)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return peak


def maxrss_mib() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # Linux reports KiB, macOS bytes
    return rss / (1024 * 1024) if sys.platform == "darwin" else rss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=100_000, help="schedules per timing")
    parser.add_argument("--seed", type=int, default=20240415)
    parser.add_argument(
        "--trace-count", type=int, default=10_000, help="schedules built under tracemalloc"
    )
    args = parser.parse_args(argv)
    pinned = pin_to_one_core()

    rng = random.Random(args.seed)
    mixed = random_terms(rng, args.count)
    fixed = monthly_24_terms(rng, args.count)

    # warm up (imports, caches)
    time_builds(mixed[:200])
    time_builds(fixed[:200])

    mixed_seconds, mixed_rows = time_builds(mixed)
    fixed_seconds, fixed_rows = time_builds(fixed)
    formula_seconds = time_formula_only(fixed)
    trace_n = min(args.trace_count, args.count)
    mixed_peak = traced_peak(mixed[:trace_n])
    fixed_peak = traced_peak(fixed[:trace_n])

    print(f"machine: {cpu_model()}, {os.cpu_count()} CPUs ({pinned})")
    print(f"python: {platform.python_implementation()} {platform.python_version()}")
    print(f"seed: {args.seed}, count: {args.count}, traced: {trace_n}")
    print()
    print(
        "| workload | schedules | installments | seconds | schedules/s | installments/s "
        "| tracemalloc peak |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|")
    for name, count, rows, seconds, peak in (
        ("random terms, tenure 6-60", args.count, mixed_rows, mixed_seconds, mixed_peak),
        ("24 x monthly declining EMI", args.count, fixed_rows, fixed_seconds, fixed_peak),
    ):
        print(
            f"| {name} | {count:,} | {rows:,} | {seconds:.2f} | {count / seconds:,.0f} "
            f"| {rows / seconds:,.0f} | {peak / 1024:,.1f} KiB |"
        )
    print(
        f"| baseline: bare EMI formula only (same 24m terms) | {args.count:,} | - "
        f"| {formula_seconds:.2f} | {args.count / formula_seconds:,.0f} | - | - |"
    )
    print()
    print(f"ratio full 24-row schedule / bare formula: {fixed_seconds / formula_seconds:.1f}x")
    print(f"peak RSS (ru_maxrss, whole process incl. pre-built terms): {maxrss_mib():,.1f} MiB")
    rate_24 = args.count / fixed_seconds
    verdict = "meets" if rate_24 >= GOAL_24 else "BELOW"
    print(f"24-installment goal {GOAL_24:,}/s: {verdict} ({rate_24:,.0f}/s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
