"""Shared pieces of the month-end SQL: work-table names, SQL helpers, the chunk's
parameters, and the posting of one entry per row of a work table (loans.ledger)."""

# ruff: noqa: S608

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db import connection

from accounting.rules import Periods, Rate
from loans import ledger
from loans.models import LoanStatus

BOOKS = "me_books"
LEDGER = "me_ledger"
EARNED = "me_earned"
MOVES = "me_moves"
POST = "me_post"
PROV = "me_prov"
# Entries whose Interest Receivable lines are accruals ("accrued so far"): the close's own,
# and a restructure's capitalisation, which takes accrued interest out of the receivable
# into principal (loans.ledger.interest_capitalised_lines).
ACCRUAL_KINDS = ("interest_accrual", "interest_accrual_reversal", "interest_capitalised")
ACTIVE = LoanStatus.ACTIVE.value
WRITTEN_OFF = LoanStatus.WRITTEN_OFF.value


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def _exec(cur, sql: str, params: dict | None = None) -> int:
    cur.execute(sql, params or {})
    return cur.rowcount


def _drop(cur, *names: str) -> None:
    for name in names:
        cur.execute(f"DROP TABLE IF EXISTS {name}")


def greatest(a: str, b: str) -> str:
    return f"(CASE WHEN ({a}) > ({b}) THEN ({a}) ELSE ({b}) END)"


def least(a: str, b: str) -> str:
    return f"(CASE WHEN ({a}) < ({b}) THEN ({a}) ELSE ({b}) END)"


def days_between(later: str, earlier: str) -> str:
    if _postgres():
        return f"({later} - {earlier})"
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


def paise(column: str) -> str:
    return f"CAST(ROUND(({column}) * 100) AS BIGINT)"


@dataclass(frozen=True)
class CloseParams:
    business_date: date
    lo: int
    hi: int
    npa_bucket: str
    npa_from: int  # first DPD of the NPA bucket (fallback for an NPA without history)
    periods: Periods
    rates: dict[str, Rate]
    now: datetime

    def bind(self, **extra) -> dict:
        return {
            "d": connection.ops.adapt_datefield_value(self.business_date),
            "lo": self.lo,
            "hi": self.hi,
            "npa": self.npa_bucket,
            "active": ACTIVE,
            "written_off": WRITTEN_OFF,
            **extra,
        }


def post_rows(cur, p: CloseParams, *, where: str, amount: str, kind: str, debit, credit, memo):
    entry_id = ledger.entry_ids_sql(order_by="loan_id")
    _exec(
        cur,
        f"CREATE TEMP TABLE {POST} AS SELECT {entry_id} AS entry_id, loan_id,"
        f" {amount} AS amount_paise FROM {MOVES} WHERE {where}",
    )
    posted = ledger.journal_post_rows(
        cur,
        rows=POST,
        entry_date=p.business_date,
        kind=kind,
        debit=debit,
        credit=credit,
        now=p.now,
        memo=memo,
        reference_sql="%(ref)s",
        params={"ref": f"{kind}:{p.business_date.isoformat()}"},
    )
    cur.execute(f"SELECT COALESCE(SUM(amount_paise), 0) FROM {POST}")
    total = int(cur.fetchone()[0])
    _drop(cur, POST)
    return posted, total


def money(paise_total: int) -> Decimal:
    return Decimal(paise_total).scaleb(-2)


def drop_work_tables(cur) -> None:
    _drop(cur, LEDGER, EARNED, BOOKS, MOVES, POST, PROV)
