"""Benchmark the bank statement import (reconciliation.services.statements) on PostgreSQL.

    .venv/bin/python bench/statements.py --lines 100000 --loans 5000

Creates a throwaway database (``--db``, default ``lendingsite_recon_bench``), migrates it,
seeds ``--loans`` active loans (bench/payments.py's seeding: a few through the services,
the rest bulk copies) and their virtual accounts, and writes a ``--lines`` statement CSV:
70% credits naming a virtual account, 10% naming a loan reference, 10% credits nobody can
match, 10% debits; each credit with its own bank reference.

Timed passes, each reporting wall time and SQL queries:
1. stage + match (the set-based part of the import; the matched credits are left
   unposted) of a file a fifth of ``--lines``, then of the whole file, with ru_maxrss after
   each: a high-water mark, so memory is flat when it does not rise from the first to the
   second (tracemalloc slows Python several times, too slow at 100k on a loaded machine);
2. the full import (statement_import) of the same file uploaded again: every credit is a
   duplicate, nothing is posted: idempotency at full size;
3. posting: the full import of a fresh ``--post-lines`` statement, every credit matched and
   posted through payment_post (the per-payment cost that no set-based step removes);
1b. stage + match of the same mix written as SWIFT MT940 (``--lines`` lines, a statement
   of 5,000 lines at a time, its own references), right after the CSV pass: the CSV's
   figures are its same-run baseline, the matcher being the same;
4. baseline, same run: the naive matcher, one lookup per line per rule (virtual account,
   loan, posted UTR) and one UPDATE per line, over the first ``--baseline-lines`` staged
   lines; reported per line next to the set-based matcher's per-line time.
"""

from __future__ import annotations

import argparse
import csv
import resource
import sys
import tempfile
import time
import tracemalloc
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import payments as seeding  # noqa: E402  (bench/payments.py: database and loan seeding)

HEADER = [
    "Txn Date",
    "Value Date",
    "Description",
    "Ref No./Cheque No.",
    "Debit",
    "Credit",
    "Balance",
]


def write_statement(
    path: Path, *, lines: int, accounts: list[str], loan_ids: list[int], day, prefix: str
) -> None:
    from reconciliation.rules import loan_reference

    balance = Decimal("1000000.00")
    text = day.strftime("%d/%m/%Y")
    with path.open("w", newline="") as handle:
        out = csv.writer(handle)
        out.writerow(HEADER)
        for n in range(lines):
            kind = n % 10
            amount = Decimal(500 + (n % 97) * 13) + Decimal("0.50")
            ref = f"{prefix}{n:012d}"
            if kind == 9:
                balance -= amount
                out.writerow(
                    [text, text, f"NEFT/{ref}/VENDOR PAYOUT", ref, f"{amount}", "", f"{balance}"]
                )
                continue
            balance += amount
            if kind < 7:
                narration = f"NEFT/{ref}/BORROWER/{accounts[n % len(accounts)]}"
            elif kind == 7:
                narration = f"UPI/{ref}/EMI {loan_reference(loan_ids[n % len(loan_ids)])}"
            else:
                narration = f"IMPS/{ref}/UNKNOWN SENDER"
            out.writerow([text, text, narration, ref, "", f"{amount}", f"{balance}"])


def mt940_amount(value: Decimal) -> str:
    return f"{value:.2f}".replace(".", ",")


def write_mt940(
    path: Path,
    *,
    lines: int,
    accounts: list[str],
    loan_ids: list[int],
    day,
    prefix: str,
    per_statement: int = 5000,
) -> None:
    """The same mix as write_statement, as SWIFT MT940: a statement (with its balances)
    per `per_statement` lines, each line a :61: and a :86:, CRLF as banks send it."""
    from reconciliation.rules import loan_reference

    balance = Decimal("1000000.00")
    d, e = day.strftime("%y%m%d"), day.strftime("%m%d")
    with path.open("w", newline="") as out:
        for n in range(lines):
            if n % per_statement == 0:
                if n:
                    out.write(f":62F:C{d}INR{mt940_amount(balance)}\r\n-\r\n")
                number = n // per_statement + 1
                out.write(
                    f":20:BENCH{number:05d}\r\n:25:HDFC0000001/50200012345678\r\n"
                    f":28C:{number:05d}/001\r\n:60F:C{d}INR{mt940_amount(balance)}\r\n"
                )
            kind = n % 10
            amount = Decimal(500 + (n % 97) * 13) + Decimal("0.50")
            ref = f"{prefix}{n:012d}"
            if kind == 9:
                balance -= amount
                mark, narration = "D", f"NEFT/{ref}/VENDOR PAYOUT"
            else:
                balance += amount
                mark = "C"
                if kind < 7:
                    narration = f"NEFT/{ref}/BORROWER/{accounts[n % len(accounts)]}"
                elif kind == 7:
                    narration = f"UPI/{ref}/EMI {loan_reference(loan_ids[n % len(loan_ids)])}"
                else:
                    narration = f"IMPS/{ref}/UNKNOWN SENDER"
            out.write(
                f":61:{d}{e}{mark}{mt940_amount(amount)}NTRF{ref}//B{n:015d}\r\n:86:{narration}\r\n"
            )
        out.write(f":62F:C{d}INR{mt940_amount(balance)}\r\n-\r\n")


class Upload:
    """A file object as Django's uploads are: binary, seekable, with a size."""

    def __init__(self, path: Path):
        self._file = path.open("rb")
        self.size = path.stat().st_size
        self.name = path.name

    def __getattr__(self, name):
        return getattr(self._file, name)


def measured(fn, trace: bool = False):
    """(result, seconds, queries, tracemalloc peak MiB or 0). Tracing slows Python several
    times, so times are taken untraced and memory in a separate traced pass."""
    from django.db import connection, reset_queries

    reset_queries()
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    result = fn()
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    if trace:
        tracemalloc.stop()
    return result, seconds, len(connection.queries), peak / 2**20


def stage_then_match(finance, path: Path, file_format: str = "csv"):
    """The two set-based stages timed apart, in one transaction as the service runs them."""
    from django.db import transaction

    from reconciliation.models import StatementImport
    from reconciliation.services.statements import _match, _stage

    with transaction.atomic():
        statement = StatementImport.objects.create(
            file_name=path.name, sha256="-", uploaded_by=finance, file_format=file_format
        )
        started = time.perf_counter()
        _stage(statement, Upload(path))
        staged = time.perf_counter()
        _match(statement)
        matched = time.perf_counter()
    return statement, staged - started, matched - staged


def naive_match(statement, limit: int) -> None:
    """The baseline: per line, ask each rule its own question and save the line."""
    from loans.models import Loan
    from reconciliation.models import StatementLine, VirtualAccount
    from repayments.models import Payment

    for line in StatementLine.objects.filter(statement=statement, credit__gt=0).order_by("pk")[
        :limit
    ]:
        payment = Payment.objects.filter(utr_canonical=line.utr).first()
        va = (
            VirtualAccount.objects.filter(account_number=line.account_token).first()
            if line.account_token
            else None
        )
        loan = Loan.objects.filter(pk=line.loan_ref_token).first() if line.loan_ref_token else None
        line.loan_id = (
            payment.loan_id if payment else (va.loan_id if va else (loan.pk if loan else None))
        )
        StatementLine.objects.filter(pk=line.pk).update(loan_id=line.loan_id)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=100_000)
    parser.add_argument("--loans", type=int, default=5000)
    parser.add_argument("--post-lines", type=int, default=1000)
    parser.add_argument("--baseline-lines", type=int, default=10_000)
    parser.add_argument("--server", default="postgres://postgres@127.0.0.1:5432")
    parser.add_argument("--db", default="lendingsite_recon_bench")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()

    seeding.database_create(args.server, args.db)
    try:
        seeding.django_setup(args.server, args.db)
        from django.conf import settings
        from django.core.management import call_command

        settings.DEBUG = True  # count queries (connection.queries)
        call_command("migrate", verbosity=0)
        started = time.perf_counter()
        loan_ids = seeding.seed(args.loans)

        from accounts.models import User
        from lendingsite.dates import today_ist
        from reconciliation import rules
        from reconciliation.models import StatementImport, VirtualAccount
        from reconciliation.services.statements import statement_import

        have = set(VirtualAccount.objects.values_list("loan_id", flat=True))
        VirtualAccount.objects.bulk_create(
            [
                VirtualAccount(
                    loan_id=pk,
                    provider="sandbox",
                    account_number=rules.sandbox_account_number(pk),
                    ifsc=rules.SANDBOX_IFSC,
                    vpa=rules.sandbox_vpa(rules.sandbox_account_number(pk)),
                )
                for pk in loan_ids
                if pk not in have
            ],
            batch_size=2000,
        )
        accounts = list(
            VirtualAccount.objects.order_by("loan_id").values_list("account_number", flat=True)
        )
        print(
            f"seeded {len(loan_ids)} loans with virtual accounts in {time.perf_counter() - started:.1f}s"
        )
        finance = User.objects.get(email="poster@bench.example")
        day = today_ist() - timedelta(days=1)
        tmp = Path(tempfile.mkdtemp())
        big, small, fresh = tmp / "big.csv", tmp / "small.csv", tmp / "fresh.csv"
        big_mt940 = tmp / "big.sta"
        write_mt940(
            big_mt940,
            lines=args.lines,
            accounts=accounts,
            loan_ids=loan_ids,
            day=day,
            prefix="MTRR",
        )
        write_statement(
            big, lines=args.lines, accounts=accounts, loan_ids=loan_ids, day=day, prefix="BIGR"
        )
        write_statement(
            small,
            lines=args.lines // 5,
            accounts=accounts,
            loan_ids=loan_ids,
            day=day,
            prefix="SMLR",
        )
        write_statement(
            fresh,
            lines=args.post_lines,
            accounts=accounts,
            loan_ids=loan_ids,
            day=day,
            prefix="PSTR",
        )
        # Smaller file first: ru_maxrss is a high-water mark, so if it does not rise from
        # the 1/5-size pass to the full one, memory did not grow with the file.
        # The MT940 pass right after the CSV one of the same size and mix: the CSV is its
        # same-run baseline (same matcher; only the reader differs).
        for label, path, file_format in (
            ("stage+match (1/5 size)", small, "csv"),
            ("stage+match", big, "csv"),
            ("stage+match MT940", big_mt940, "mt940"),
        ):
            (statement, stage_s, match_s), seconds, queries, _ = measured(
                lambda p=path, f=file_format: stage_then_match(finance, p, f)
            )
            lines = statement.rows.count()
            rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(
                f"{label}: {lines} lines in {seconds:.1f}s ({lines / seconds:,.0f} lines/s; "
                f"stage {stage_s:.1f}s, match {match_s:.2f}s = {match_s / lines * 1e6:.0f} µs/line), "
                f"{queries} queries, ru_maxrss after {rss:.0f} MiB"
            )
        first_big = StatementImport.objects.filter(file_name="big.csv").order_by("pk").first()
        again, seconds, queries, peak = measured(
            lambda: statement_import(acting_user=finance, file=Upload(big), file_name="big.csv")
        )
        print(
            f"re-upload (full import): {again.lines} lines in {seconds:.1f}s, posted {again.posted}, "
            f"duplicates {again.duplicates}, queued {again.queued}, {queries} queries, peak {peak:.1f} MiB"
        )
        posted, seconds, queries, peak = measured(
            lambda: statement_import(acting_user=finance, file=Upload(fresh), file_name="fresh.csv")
        )
        print(
            f"posting: {posted.posted} credits posted in {seconds:.1f}s ({posted.posted / seconds:,.0f}/s), "
            f"queued {posted.queued}, {queries} queries ({queries / max(posted.posted, 1):.0f}/payment), peak {peak:.1f} MiB"
        )
        _, seconds, queries, peak = measured(lambda: naive_match(first_big, args.baseline_lines))
        print(
            f"baseline (per-line matching) over {args.baseline_lines} lines: {seconds:.1f}s "
            f"({seconds / args.baseline_lines * 1e6:.0f} µs/line), {queries} queries, peak {peak:.1f} MiB"
        )
        print(f"ru_maxrss {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    finally:
        if not args.keep:
            from django.db import connections

            connections.close_all()
            seeding.database_drop(args.server, args.db)


if __name__ == "__main__":
    main()
