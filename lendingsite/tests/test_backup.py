"""scripts/backup and scripts/restore (docs/operations.md, "Backups"): a seeded book backed
up, restored into a fresh database, and found whole there (audit chain, ledger, rows)."""

import os
import subprocess
import sys
import time
from datetime import date
from decimal import Decimal
from importlib.machinery import SourceFileLoader
from importlib.util import module_from_spec, spec_from_loader
from pathlib import Path

import psycopg
import pytest
from django.db import connection

from accounts.seals import audit_seal_pending
from loans.tests.factories import active_loan
from repayments.tests.factories import emi_of, post_payment, reverse_payment

ROOT = Path(__file__).resolve().parents[2]
BACKUP = ROOT / "scripts" / "backup"
RESTORE = ROOT / "scripts" / "restore"


def _load_backup():
    loader = SourceFileLoader("lendingsite_backup_under_test", str(BACKUP))
    module = module_from_spec(spec_from_loader(loader.name, loader))
    loader.exec_module(module)
    return module


def _url(name: str) -> str:
    s = connection.settings_dict
    auth = s["USER"] + (f":{s['PASSWORD']}" if s["PASSWORD"] else "")
    return f"postgresql://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{name}"


def _run(script: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHON": sys.executable, "DJANGO_ENV": "test"}
    return subprocess.run(
        [sys.executable, str(script), *args], env=env, capture_output=True, text=True, cwd=ROOT
    )


_ROW_COUNTS = """
    SELECT c.relname, (xpath('/row/n/text()',
           query_to_xml(format('SELECT count(*) AS n FROM %I.%I', n.nspname, c.relname),
                        false, true, '')))[1]::text::bigint
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'r' AND n.nspname = 'public' ORDER BY 1
"""
_BALANCES = """
    SELECT a.code, COALESCE(SUM(l.debit), 0), COALESCE(SUM(l.credit), 0)
    FROM loans_ledgeraccount a LEFT JOIN loans_journalline l ON l.account_id = a.id
    GROUP BY a.code ORDER BY a.code
"""


def _snapshot(cur) -> dict:
    cur.execute(_ROW_COUNTS)
    counts = dict(cur.fetchall())
    cur.execute(_BALANCES)
    balances = {code: (dr, cr) for code, dr, cr in cur.fetchall()}
    return {"counts": counts, "balances": balances}


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_a_fresh_database_whole(tmp_path):
    # On CI the client tools are installed by .ci/run; a missing one fails here, not skips.
    day = date(2026, 1, 10)
    loans = [active_loan(disbursed_on=day, tenure=12) for _ in range(3)]
    for loan in loans:
        post_payment(loan, amount=emi_of(loan), paid_on=date(2026, 2, 10))
    reverse_payment(post_payment(loans[0], amount=Decimal("500.00"), paid_on=date(2026, 2, 11)))
    audit_seal_pending()
    with connection.cursor() as cur:
        before = _snapshot(cur)
    assert before["counts"]["loans_journalline"] > 0
    assert before["counts"]["accounts_auditevent"] > 0
    source = connection.settings_dict["NAME"]
    restored = f"{source}_restored"[:63]

    made = _run(BACKUP, "--database-url", _url(source), "--dir", str(tmp_path))
    assert made.returncode == 0, made.stderr
    (dump,) = tmp_path.glob("*.dump")
    assert (tmp_path / (dump.name + ".sha256")).exists()

    admin = psycopg.connect(_url("postgres"), autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{restored}"')
    try:
        back = _run(RESTORE, str(dump), "--database-url", _url(restored), "--create", "--verify")
        assert back.returncode == 0, back.stderr
        events = before["counts"]["accounts_auditevent"]
        assert f"OK: {events} events verified, all sealed" in back.stdout
        with psycopg.connect(_url(restored)) as conn, conn.cursor() as cur:
            after = _snapshot(cur)
        assert after == before
        debits = sum(dr for dr, _ in after["balances"].values())
        assert debits > 0
        assert debits == sum(cr for _, cr in after["balances"].values())

        # A restore never lands on data: the restored database is not empty now.
        again = _run(RESTORE, str(dump), "--database-url", _url(restored))
        assert again.returncode == 1
        assert again.stderr.startswith(f"restore failed: database {restored} is not empty")
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')
        admin.close()


def test_a_damaged_dump_is_refused_before_anything_is_restored(tmp_path):
    dump = tmp_path / "lendingsite-x-20260101T000000Z.dump"
    dump.write_bytes(b"PGDMP not really")
    (tmp_path / (dump.name + ".sha256")).write_text("0" * 64 + f"  {dump.name}\n")
    result = _run(RESTORE, str(dump), "--database-url", "postgres://u@127.0.0.1:1/never")
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"restore failed: {dump.name} does not match its .sha256: the file is damaged"
    )


@pytest.mark.parametrize(
    ("url", "line"),
    [
        ("mysql://u@h/db", "backup failed: not a PostgreSQL URL (scheme 'mysql')"),
        ("postgres://u@h", "backup failed: the database URL names no database"),
    ],
)
def test_bad_input_is_one_line(tmp_path, url, line):
    result = _run(BACKUP, "--database-url", url, "--dir", str(tmp_path))
    assert result.returncode == 1
    assert result.stderr.strip() == line
    assert not list(tmp_path.iterdir())


def test_retention_keeps_the_newest_by_count_and_age(tmp_path):
    backup = _load_backup()
    now = time.time()

    def dump(db: str, days_ago: float) -> Path:
        stamp = time.strftime("%Y%m%dT%H%M%SZ", time.gmtime(now - days_ago * 86400))
        path = tmp_path / f"lendingsite-{db}-{stamp}.dump"
        path.write_bytes(b"x")
        path.with_name(path.name + ".sha256").write_text("x")
        return path

    newest = dump("main", 0)
    kept = [dump("main", d) for d in (1, 2)]
    too_many = dump("main", 3)
    too_old = dump("main", 40)
    other_db = dump("other", 90)  # another database's dumps are not ours to prune

    removed = backup.apply_retention(tmp_path, "main", 3, 35, newest)

    assert sorted(removed) == sorted([too_many, too_old])
    for path in [newest, *kept, other_db]:
        assert path.exists()
    assert not too_many.with_name(too_many.name + ".sha256").exists()
    # The dump just taken survives even rules that would remove everything.
    ancient = dump("main", 400)
    assert backup.apply_retention(tmp_path, "main", 0, 0, ancient) == []
    assert backup.apply_retention(tmp_path, "main", 1, 1, ancient) != []
    assert ancient.exists()
