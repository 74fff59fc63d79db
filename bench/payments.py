"""Benchmark payment posting (repayments.services.payments.payment_post) on PostgreSQL.

    .venv/bin/python bench/payments.py --loans 2000 --payments 20000 --workers 4

Creates a throwaway database (``--db``, default ``lendingsite_bench``) on the server of
``--server`` (default ``postgres://postgres@127.0.0.1:5432``), migrates it, and drops it at
the end (``--keep`` keeps it).

Seeding: a few loans go through the real services (application, approval, acceptance,
disbursement); the rest are bulk copies of one of them (application, loan, installments,
disbursement entry), so every loan starts from a state the services produce.

Timed pass: ``--workers`` processes, each with its own connection, post their share of
``--payments`` through ``payment_post`` (the real service: validation, loan lock, replay,
installments, allocations, ledger entry, audit event). Loans are split between the
workers; each loan receives its payments in date order (installments on their due dates,
some partial), and every 20th payment is backdated before the loan's previous one, which
forces a full replay with adjustment entries. Baseline in the same run: a bare
``INSERT`` of a payment row in raw SQL, same workers, same count.

Reports payments/s, p50/p95/p99 posting time, peak memory (tracemalloc over a separate
single-process pass, and ru_maxrss), duplicate UTRs (must be 0) and whether the ledger
balances afterwards. The goal is at least 300 payments/s with p95 under 50 ms.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import resource
import statistics
import sys
import time
import tracemalloc
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

GOAL_RATE = 300
GOAL_P95_MS = 50
DISBURSED = date(2026, 1, 10)
TENURE = 12
D = Decimal


def database_create(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def database_drop(server: str, name: str) -> None:
    import psycopg

    with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def django_setup(server: str, name: str, prepared: bool = True) -> None:
    os.environ["DATABASE_URL"] = f"{server}/{name}"
    os.environ.setdefault("DJANGO_ENV", "test")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lendingsite.settings")
    # The project's default is server-side binding with prepared statements
    # (DB_PREPARED_STATEMENTS); --no-prepared measures the setting for poolers without them.
    os.environ["DB_PREPARED_STATEMENTS"] = "true" if prepared else "false"
    # As in production, a posted payment's receipt is delivered by a Celery worker: the
    # posting publishes the task (to the in-memory broker here) and does not run it
    # inline, as the test settings' eager Celery would (CELERY_TASK_ALWAYS_EAGER=true
    # measures posting plus delivery; docs/benchmarks.md).
    os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "false")
    import django

    django.setup()


def _user(email: str, role: str | None):
    from django.contrib.auth.models import Group

    from accounts.models import User

    # A borrower is not staff (accounts.duties refuses a staff account as a borrower).
    user = User.objects.create(
        email=email, full_name=email.split("@")[0], is_staff=bool(role) and role != "borrower"
    )
    user.set_unusable_password()
    user.save()
    if role:
        user.groups.add(Group.objects.get(name=role))
    return user


def seed(loans: int, through_services: int = 5) -> list[int]:
    """`loans` active loans disbursed on DISBURSED; returns their ids."""
    from django.db import transaction
    from django.utils import timezone

    from accounts.models import BorrowerProfile, KycDocType, KycDocument, KycStatus
    from accounts.roles import CREDIT_MANAGER, FINANCE, LOAN_OFFICER
    from loans.models import Installment, JournalEntry, JournalLine, Loan, LoanProduct
    from loans.services.applications import (
        application_accept,
        application_approve,
        application_create,
        application_submit,
    )
    from loans.services.loans import loan_disburse

    officer = _user("officer@bench.example", LOAN_OFFICER)
    manager = _user("manager@bench.example", CREDIT_MANAGER)
    finance = _user("disburser@bench.example", FINANCE)
    _user("poster@bench.example", FINANCE)
    product = LoanProduct.objects.create(
        code="bench",
        name="Bench personal loan",
        min_amount=D("10000.00"),
        max_amount=D("1000000.00"),
        min_tenure=3,
        max_tenure=60,
        min_rate=D("10.0000"),
        max_rate=D("24.0000"),
        default_rate=D("14.0000"),
        processing_fee_percent=D("2.0000"),
        gst_percent=D("18.00"),
        cooling_off_days=3,
    )
    made = []
    for i in range(min(through_services, loans)):
        borrower = _user(f"borrower{i}@bench.example", "borrower")
        profile = BorrowerProfile.objects.create(
            user=borrower,
            full_name=borrower.full_name,
            date_of_birth=date(1990, 5, 17),
            phone=f"+91980000{i:04d}",
            pan=f"BENCH{i:04d}F",
            address="12 MG Road, Bengaluru 560001",
            employment_type="salaried",
            employer="Acme Pvt Ltd",
            monthly_income=D("150000.00"),
        )
        for doc_type in (KycDocType.PAN_CARD, KycDocType.ADDRESS_PROOF):
            KycDocument.objects.create(
                profile=profile,
                doc_type=doc_type,
                file=f"kyc/bench/{doc_type}.pdf",
                content_type="application/pdf",
                size=1024,
                sha256="0" * 64,
                status=KycStatus.VERIFIED,
                verified_by=manager,
                verified_at=timezone.now(),
            )
        # A verified payout account: approval refuses a borrower without one (issue 11).
        from accounts.tests.factories import verified_bank_account

        verified_bank_account(profile)
        app = application_create(
            acting_user=officer,
            borrower=borrower,
            product=product,
            amount=D(100000 + 5000 * i),
            tenure=TENURE,
            purpose="Bench",
            monthly_income=D("150000.00"),
            existing_emis=D("0.00"),
        )
        app = application_submit(acting_user=officer, application=app, business_date=DISBURSED)
        app = application_approve(
            acting_user=manager,
            application=app,
            amount=app.amount,
            annual_rate=product.default_rate,
            business_date=DISBURSED,
        )
        loan = application_accept(acting_user=borrower, application=app, business_date=DISBURSED)
        loan = loan_disburse(
            acting_user=finance,
            loan=loan,
            disbursed_on=DISBURSED,
            reference=f"BENCH-DISB-{i}",
            business_date=DISBURSED,
        )
        made.append(loan.pk)

    templates = list(Loan.objects.filter(pk__in=made).select_related("application"))
    with transaction.atomic():
        for start in range(len(made), loans, 500):
            batch = range(start, min(start + 500, loans))
            apps, new_loans = [], []
            for n in batch:
                template = templates[n % len(templates)]
                app = template.application
                app.pk = None
                app.id = None
                apps.append(_clone(app))
            apps = type(apps[0]).objects.bulk_create(apps)
            for n, app in zip(batch, apps, strict=True):
                template = templates[n % len(templates)]
                loan = _clone(template)
                loan.pk = loan.id = None
                loan.application_id = app.pk
                loan.disbursement_reference = f"BENCH-DISB-{n}"
                new_loans.append(loan)
            new_loans = Loan.objects.bulk_create(new_loans)
            rows, entries = [], []
            for n, loan in zip(batch, new_loans, strict=True):
                template = templates[n % len(templates)]
                for row in Installment.objects.filter(loan_id=template.pk).order_by("number"):
                    row.pk = row.id = None
                    row.loan_id = loan.pk
                    rows.append(row)
                entries.append(
                    JournalEntry(
                        entry_date=DISBURSED,
                        kind="disbursement",
                        loan_id=loan.pk,
                        reference=loan.disbursement_reference,
                        memo=f"Disbursement of loan #{loan.pk}",
                    )
                )
            Installment.objects.bulk_create(rows)
            entries = JournalEntry.objects.bulk_create(entries)
            lines = []
            for n, (loan, entry) in enumerate(zip(new_loans, entries, strict=True)):
                template = templates[(start + n) % len(templates)]
                source = JournalLine.objects.filter(
                    entry__loan_id=template.pk, entry__kind="disbursement"
                )
                for line in source:
                    lines.append(
                        JournalLine(
                            entry_id=entry.pk,
                            account_id=line.account_id,
                            loan_id=loan.pk,
                            debit=line.debit,
                            credit=line.credit,
                        )
                    )
            JournalLine.objects.bulk_create(lines)
            made.extend(loan.pk for loan in new_loans)
    return made


def _clone(instance):
    clone = type(instance)()
    for field in instance._meta.concrete_fields:
        clone.__dict__[field.attname] = getattr(instance, field.attname)
    clone._state.adding = True
    return clone


def plan_payments(loan_ids: list[int], count: int) -> list[tuple[int, Decimal, date, date, str]]:
    """(loan id, amount, paid_on, business date, utr). Each loan pays its installments on
    their due dates (every 7th payment only half of it); every 20th payment is a ₹500 one
    that arrives two days after the loan's previous payment but is dated the day before it
    (a late-reported transfer): a full replay with adjustment entries."""
    from loans.models import Installment

    dues: dict[int, list] = {}
    for loan_id, due_date, principal, interest in Installment.objects.filter(
        loan_id__in=loan_ids
    ).values_list("loan_id", "due_date", "principal_due", "interest_due"):
        dues.setdefault(loan_id, []).append((due_date, principal + interest))
    plan, serial, step = [], 0, 0
    last_paid: dict[int, date] = {}
    while len(plan) < count:
        for loan_id in loan_ids:
            if len(plan) >= count:
                break
            schedule = sorted(dues[loan_id])
            serial += 1
            utr = f"BENCH{serial:010d}"
            previous = last_paid.get(loan_id)
            if serial % 20 == 0 and previous is not None:
                business = previous + timedelta(days=2)
                plan.append((loan_id, D("500.00"), previous - timedelta(days=1), business, utr))
                continue
            due_date, emi = schedule[min(step, len(schedule) - 1)]
            if previous is not None and due_date <= previous:
                due_date = previous + timedelta(days=3)
            amount = (emi / 2).quantize(D("0.01")) if serial % 7 == 0 else emi
            plan.append((loan_id, amount, due_date, due_date, utr))
            last_paid[loan_id] = due_date
        step += 1
    return plan


def _post_share(args) -> dict:
    share = args[0]
    from django.db import connection

    from accounts.models import User
    from loans.models import Loan
    from repayments.services.payments import payment_post

    poster = User.objects.get(email="poster@bench.example")
    poster.has_perm("repayments.add_payment")
    backend = _backend_pid()
    cpu_client, cpu_server = time.process_time(), _proc_cpu(backend)
    times, errors = [], {}
    clock = time.perf_counter
    for loan_id, amount, paid_on, business, utr in share:
        loan = Loan(pk=loan_id)
        start = clock()
        try:
            payment_post(
                acting_user=poster,
                loan=loan,
                amount=amount,
                paid_on=paid_on,
                channel="neft",
                utr=utr,
                business_date=business,
            )
        except Exception as error:  # counted and reported; the run goes on
            key = f"{type(error).__name__}:{getattr(error, 'code', '')}"
            errors[key] = errors.get(key, 0) + 1
        times.append(clock() - start)
    cpu_client, cpu_server = time.process_time() - cpu_client, _proc_cpu(backend) - cpu_server
    connection.close()
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return {
        "times": times,
        "errors": errors,
        "maxrss_kib": usage.ru_maxrss,
        "cpu_client": cpu_client,
        "cpu_server": cpu_server,
    }


def _backend_pid() -> int:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def _proc_cpu(pid: int) -> float:
    """CPU seconds (user + system) a process has used, from /proc (the server runs on this
    machine in the setup the goal is stated for); 0 where /proc cannot tell."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _insert_share(args) -> dict:
    share, server, name = args
    import psycopg

    times = []
    with psycopg.connect(f"{server}/{name}", autocommit=True) as conn:
        for loan_id, amount, paid_on, _, utr in share:
            start = time.perf_counter()
            conn.execute(
                "INSERT INTO repayments_payment (loan_id, amount, paid_on, channel, utr,"
                " utr_canonical, source, provider, provider_payment_id, status, penal, fees,"
                " interest, principal, excess, posted_at) VALUES (%s, %s, %s, 'neft', %s, %s,"
                " 'api', '', '', 'posted', 0, 0, 0, 0, 0, now())",
                (loan_id, amount, paid_on, "BASE" + utr, ("BASE" + utr).upper()),
            )
            times.append(time.perf_counter() - start)
    return {"times": times, "errors": {}, "maxrss_kib": 0, "cpu_client": 0.0, "cpu_server": 0.0}


def run_pool(worker, plan, workers, server, name):
    from django.db import connections

    by_loan: dict[int, list] = {}
    for item in plan:
        by_loan.setdefault(item[0], []).append(item)
    shares: list[list] = [[] for _ in range(workers)]
    for index, loan_id in enumerate(sorted(by_loan)):
        shares[index % workers].extend(by_loan[loan_id])
    for share in shares:  # interleave loans so each worker moves through time like a bank feed
        share.sort(key=lambda item: (item[3], item[0]))
    connections.close_all()
    ctx = multiprocessing.get_context("fork")
    start = time.perf_counter()
    with ctx.Pool(workers) as pool:
        results = pool.map(worker, [(share, server, name) for share in shares])
    elapsed = time.perf_counter() - start
    times = sorted(t for r in results for t in r["times"])
    errors: dict[str, int] = {}
    for r in results:
        for key, value in r["errors"].items():
            errors[key] = errors.get(key, 0) + value
    return {
        "count": len(times),
        "seconds": elapsed,
        "rate": len(times) / elapsed,
        "p50": times[len(times) // 2] * 1000,
        "p95": times[int(len(times) * 0.95)] * 1000,
        "p99": times[int(len(times) * 0.99)] * 1000,
        "mean": statistics.fmean(times) * 1000,
        "errors": errors,
        "maxrss_kib": max(r["maxrss_kib"] for r in results),
        "cpu_client_ms": sum(r["cpu_client"] for r in results) / len(times) * 1000,
        "cpu_server_ms": sum(r["cpu_server"] for r in results) / len(times) * 1000,
    }


def traced_pass(plan) -> float:
    """Peak traced memory while posting payments one after another (results dropped)."""
    from accounts.models import User
    from loans.models import Loan
    from repayments.services.payments import payment_post

    poster = User.objects.get(email="poster@bench.example")
    tracemalloc.start()
    for loan_id, amount, paid_on, business, utr in plan:
        payment_post(
            acting_user=poster,
            loan=Loan(pk=loan_id),
            amount=amount,
            paid_on=paid_on,
            channel="neft",
            utr="TRACE" + utr,
            business_date=business,
        )
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak / 1024


def checks() -> dict:
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            "SELECT COUNT(*) FROM (SELECT entry_id FROM loans_journalline GROUP BY entry_id"
            " HAVING SUM(debit) <> SUM(credit)) unbalanced"
        )
        unbalanced = cur.fetchone()[0]
        cur.execute("SELECT SUM(debit) - SUM(credit) FROM loans_journalline")
        overall = cur.fetchone()[0]
        cur.execute(
            "SELECT COUNT(*) FROM (SELECT utr FROM repayments_payment GROUP BY utr HAVING COUNT(*) > 1) d"
        )
        duplicates = cur.fetchone()[0]
        cur.execute(
            "SELECT COUNT(*) FROM loans_loan l LEFT JOIN ("
            " SELECT jl.loan_id, SUM(jl.debit) - SUM(jl.credit) AS bal FROM loans_journalline jl"
            " JOIN loans_ledgeraccount a ON a.id = jl.account_id AND a.code = 'LOAN_PORTFOLIO'"
            " GROUP BY jl.loan_id) p ON p.loan_id = l.id"
            " WHERE l.status <> 'pending_disbursement' AND l.principal_outstanding <> COALESCE(p.bal, 0)"
        )
        portfolio_mismatch = cur.fetchone()[0]
        cur.execute("SELECT COUNT(*) FROM repayments_payment WHERE utr LIKE 'BENCH%%'")
        posted = cur.fetchone()[0]
    return {
        "unbalanced_entries": unbalanced,
        "overall_difference": overall,
        "duplicate_utrs": duplicates,
        "loans_where_outstanding_differs_from_ledger": portfolio_mismatch,
        "bench_payments_in_db": posted,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--loans", type=int, default=2000)
    parser.add_argument("--payments", type=int, default=20000)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--db", default="lendingsite_bench")
    parser.add_argument("--trace-count", type=int, default=300)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument(
        "--no-prepared",
        dest="prepared",
        action="store_false",
        help="DB_PREPARED_STATEMENTS=false: client-side binding, no prepared statements",
    )
    args = parser.parse_args()

    database_create(args.server, args.db)
    try:
        django_setup(args.server, args.db, prepared=args.prepared)
        from django.core.management import call_command

        started = time.perf_counter()
        call_command("migrate", verbosity=0)
        print(f"migrated in {time.perf_counter() - started:.1f}s")
        started = time.perf_counter()
        spare = max(1, args.trace_count // 10)  # untouched loans for the traced pass
        loan_ids = seed(args.loans + spare)
        loan_ids, spare_ids = loan_ids[: args.loans], loan_ids[args.loans :]
        print(
            f"seeded {len(loan_ids) + spare} active loans in {time.perf_counter() - started:.1f}s"
        )
        plan = plan_payments(loan_ids, args.payments)
        backdated = sum(1 for p in plan if p[2] != p[3])
        print(f"planned {len(plan)} payments ({backdated} dated before their business day)")

        service = run_pool(_post_share, plan, args.workers, args.server, args.db)
        baseline = run_pool(_insert_share, plan, args.workers, args.server, args.db)
        from django.db import connection

        with connection.cursor() as cur:
            cur.execute("DELETE FROM repayments_payment WHERE utr LIKE 'BASE%%'")
        result = checks()
        trace_plan = plan_payments(spare_ids, args.trace_count)
        traced_kib = traced_pass(trace_plan)

        rss_mib = (
            max(service["maxrss_kib"], resource.getrusage(resource.RUSAGE_SELF).ru_maxrss) / 1024
        )
        print()
        print(f"workers {args.workers}, loans {len(loan_ids)}, payments {service['count']}")
        for label, r in (("payment_post", service), ("bare INSERT", baseline)):
            print(
                f"{label:>13}: {r['rate']:8.1f}/s  p50 {r['p50']:6.2f} ms  p95 {r['p95']:6.2f} ms"
                f"  p99 {r['p99']:6.2f} ms  mean {r['mean']:6.2f} ms  ({r['seconds']:.1f}s)"
                + (f"  errors {r['errors']}" if r["errors"] else "")
            )
        print(
            f"ratio (bare INSERT rate / payment_post rate): {baseline['rate'] / service['rate']:.1f}x"
        )
        cpu = service["cpu_client_ms"] + service["cpu_server_ms"]
        print(
            f"CPU per payment: {service['cpu_client_ms']:.2f} ms in the worker +"
            f" {service['cpu_server_ms']:.2f} ms in its PostgreSQL backend = {cpu:.2f} ms"
            f" (at most {os.cpu_count() * 1000 / cpu:.0f}/s on {os.cpu_count()} idle CPUs)"
        )
        print(
            f"peak memory: tracemalloc {traced_kib:.1f} KiB over {args.trace_count} posts; ru_maxrss {rss_mib:.1f} MiB (largest worker)"
        )
        for key, value in result.items():
            print(f"{key}: {value}")
        ok = (
            service["rate"] >= GOAL_RATE
            and service["p95"] < GOAL_P95_MS
            and result["duplicate_utrs"] == 0
            and result["unbalanced_entries"] == 0
            and result["loans_where_outstanding_differs_from_ledger"] == 0
            and not service["errors"]
        )
        print(
            f"goal (>= {GOAL_RATE}/s, p95 < {GOAL_P95_MS} ms, books exact): {'met' if ok else 'NOT met'}"
        )
        print(f"cpu: {os.cpu_count()} logical CPUs")
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            database_drop(args.server, args.db)


if __name__ == "__main__":
    main()
