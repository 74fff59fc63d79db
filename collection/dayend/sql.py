"""The day-end's set-based SQL: each step is a handful of statements over one loan-id range
(``loan_id BETWEEN lo AND hi``), never a Python loop per loan. Everything here runs inside
the caller's transaction (collection.dayend.job), so a chunk commits whole or not at all.

Portable SQL (PostgreSQL 15 and SQLite 3.35+: UPDATE ... FROM, ON CONFLICT, window
functions); the only vendor branches are date arithmetic and journal-entry id allocation.
Money is compared and rounded in integer paise, so SQLite's binary floats give the same
answers as PostgreSQL's numerics (and as collection.dayend.buckets).

Per chunk, in order (collection.dayend.job.chunk_apply; docs/collections.md):
1. overdue: the installments that count as overdue on D, into a temp table (with step 3,
   the SQL twin of loans.arrears, held equal by collection/tests/test_arrears_sql.py);
2. penal (collection.dayend.penal): today's penal charges with their ledger entries;
3. state: DPD, overdue amount and new bucket of the loans that are or were delinquent;
4. history + loans: a BucketHistory row per bucket change; Loan.dpd/bucket updated;
5. cases: resolve (DPD 0 or loan no longer owing), refresh, open; then legal escalation.

Every value is a bound parameter; the f-strings only splice this module's own constants
and generated fragments (table names, predicates, CASE expressions), hence the S608 waiver.
"""
# ruff: noqa: S608

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from django.db import connection

from collection.dayend.buckets import (
    DEFAULT_NPA_THRESHOLD_DAYS,
    RESTRUCTURE_WATCH_DAYS,
    BucketTable,
)
from collection.models import OPEN_CASE_STATUSES, CaseStatus
from lendingsite.rawsql import money_from_paise_sql
from loans.models import LoanStatus

ACTIVE = LoanStatus.ACTIVE.value
# Statuses after which nothing is owed any more: an open case is resolved.
SETTLED = [
    LoanStatus.CLOSED.value,
    LoanStatus.FORECLOSED.value,
    LoanStatus.CANCELLED.value,
    LoanStatus.SETTLED.value,  # a one-time settlement: nothing more is owed
]
OPEN_STATUSES = ", ".join(f"'{status.value}'" for status in OPEN_CASE_STATUSES)
SETTLED_STATUSES = ", ".join(f"'{status}'" for status in SETTLED)
PENAL_KIND = "penal"
# As repayments.services.payments.charge_levy writes them (kind, reference, memo = reason).
PENAL_ENTRY_KIND = "charge"
PENAL_REASON = "Overdue beyond the grace days (day-end)"
OVERDUE = "dayend_overdue"
STATE = "dayend_state"

# The partial index on Installment (installment_unpaid_cover) holds exactly these rows; its
# predicate is written the same way so that PostgreSQL can prove the index applies.
UNPAID = "{a}.owed > 0"
FLOOR_PAISE = "CAST(ROUND(p.materiality_floor * 100) AS BIGINT)"


def _postgres() -> bool:
    return connection.vendor == "postgresql"


def days_since(day_param: str, column: str) -> str:
    """Whole days from `column` (a date) to the business date parameter."""
    if _postgres():
        return f"({day_param}::date - {column})"
    return f"CAST(julianday({day_param}) - julianday({column}) AS INTEGER)"


def day(param: str) -> str:
    return f"{param}::date" if _postgres() else param


def bucket_case_sql(
    table: BucketTable, *, dpd: str, previous: str, npa_from: str, in_watch: str = "0"
):
    """The SQL twin of buckets.bucket_for, generated from the same table. Returns the CASE
    expression and its named parameters (bucket names are bound, never spliced)."""
    params = {f"bucket_{n}": bucket.name for n, bucket in enumerate(table.buckets)}
    npa = f"%(bucket_{len(table.buckets) - 1})s"
    whens = [
        f"WHEN {previous} = {npa} AND ({dpd} > 0 OR {in_watch} = 1) THEN {npa}",
        f"WHEN {dpd} >= {npa_from} THEN {npa}",
    ]
    # Highest lower bound first: the bucket just below NPA stretches up to the boundary.
    for n in range(len(table.buckets) - 2, 0, -1):
        whens.append(f"WHEN {dpd} >= {table.buckets[n].lo} THEN %(bucket_{n})s")
    return f"CASE {' '.join(whens)} ELSE %(bucket_0)s END", params


def npa_from_sql(table: BucketTable) -> str:
    return (
        f"CASE WHEN p.npa_threshold_days <> {DEFAULT_NPA_THRESHOLD_DAYS}"
        f" THEN p.npa_threshold_days + 1 ELSE {table.npa.lo} END"
    )


def int_div(numerator: str, denominator: int) -> str:
    """Integer division of a non-negative whole number (numeric on PostgreSQL, so that a
    large amount times a percentage cannot overflow; SQLite's integer '/' truncates)."""
    if _postgres():
        return f"FLOOR(CAST(({numerator}) AS NUMERIC) / {denominator})"
    return f"(({numerator}) / {denominator})"


def rounded_paise_sql(numerator: str, denominator: int, mode: str) -> str:
    """numerator / denominator rounded to a whole number with the loan's rounding mode
    (up | half_up | half_even), exactly: numerator and denominator are whole numbers."""
    q = int_div(numerator, denominator)
    r = f"(({numerator}) - {q} * {denominator})"
    return (
        f"({q} + CASE"
        f" WHEN {mode} = 'up' AND {r} > 0 THEN 1"
        f" WHEN {mode} = 'half_up' AND 2 * {r} >= {denominator} THEN 1"
        f" WHEN {mode} NOT IN ('up', 'half_up') AND (2 * {r} > {denominator}"
        f" OR (2 * {r} = {denominator} AND MOD({q}, 2) = 1)) THEN 1"
        " ELSE 0 END)"
    )


@dataclass(frozen=True)
class ChunkParams:
    business_date: date
    lo: int
    hi: int
    table: BucketTable
    escalation_enabled: bool
    escalation_threshold: int
    now: datetime  # created_at/updated_at of the rows written

    def bind(self, **extra) -> dict:
        return {
            "d": connection.ops.adapt_datefield_value(self.business_date),
            "lo": self.lo,
            "hi": self.hi,
            "now": connection.ops.adapt_datetimefield_value(self.now),
            **extra,
        }


def _exec(cur, sql: str, params: dict | None = None) -> int:
    cur.execute(sql, params or {})
    return cur.rowcount


def _drop(cur, name: str) -> None:
    cur.execute(f"DROP TABLE IF EXISTS {name}")


def overdue_select(p: ChunkParams) -> tuple[str, dict]:
    """The installments of the range with something outstanding, due on or before D, with
    what is owed on each (the loans' status and floors are applied per loan in the next
    steps). On PostgreSQL an index-only scan of installment_unpaid_cover: the index carries
    `owed` (dues minus paid, a column the database generates), the penal due and the id,
    so no installment row is read."""
    sql = f"""
        SELECT i.id, i.loan_id, i.due_date,
               CAST(ROUND(i.owed * 100) AS BIGINT) AS out_paise,
               CAST(ROUND(i.penal_due * 100) AS BIGINT) AS penal_due_paise
        FROM loans_installment i
        WHERE i.loan_id BETWEEN %(lo)s AND %(hi)s
          AND i.due_date <= {day("%(d)s")} AND {UNPAID.format(a="i")}
        """
    return sql, p.bind()


def overdue_step(cur, p: ChunkParams) -> None:
    """The overdue installments of the range into a temp table, analyzed so that the next
    steps' plans know how few they are."""
    select, params = overdue_select(p)
    _exec(cur, f"CREATE TEMP TABLE {OVERDUE} AS {select}", params)
    if _postgres():
        cur.execute(f"ANALYZE {OVERDUE}")


def state_select(p: ChunkParams) -> tuple[str, dict]:
    """DPD, overdue amount and new bucket of the active loans in the range that are, or
    were until now, delinquent (a loan current before and after has nothing to write). An
    installment counts when its outstanding is above the product's materiality floor.

    Candidates: the loans with unpaid installments due (the overdue table), and those with an
    open case. Every loan the day-end left delinquent has an open case (opened by the same
    chunk, resolved only as its DPD goes to 0, here or by the payment-time refresh in
    collection.services.delinquency), so "delinquent until now" needs
    no scan of the range's loans, only of its open cases. A loan settled (paid off,
    foreclosed, cancelled) while delinquent owes nothing: its DPD becomes 0 and its bucket
    current here, with a history row, and its case is resolved."""
    bucket_sql, bucket_params = bucket_case_sql(
        p.table, dpd="s.dpd", previous="s.old_bucket", npa_from="s.npa_from", in_watch="s.watch"
    )
    # Restructured loans still in NPA are candidates too: at the end of their watch period
    # one may be upgraded with no arrears and no open case.
    candidates = f"""
        SELECT loan_id FROM {OVERDUE}
        UNION
        SELECT c.loan_id FROM collection_collectioncase c
        WHERE c.loan_id BETWEEN %(lo)s AND %(hi)s AND c.status IN ({OPEN_STATUSES})
        UNION
        SELECT r.id FROM loans_loan r
        WHERE r.id BETWEEN %(lo)s AND %(hi)s AND r.restructured_on IS NOT NULL
          AND r.bucket = %(bucket_{len(p.table.buckets) - 1})s
        """
    watch = (
        f"CASE WHEN l.restructured_on IS NOT NULL AND "
        f"{days_since('%(d)s', 'l.restructured_on')} < {RESTRUCTURE_WATCH_DAYS} "
        "THEN 1 ELSE 0 END"
    )
    sql = f"""
        SELECT s.loan_id, s.old_dpd, s.old_bucket, s.dpd, s.overdue_paise,
               {bucket_sql} AS bucket
        FROM (
            SELECT l.id AS loan_id, l.dpd AS old_dpd, l.bucket AS old_bucket,
                   CASE WHEN MIN(o.due_date) IS NULL THEN 0
                        ELSE {days_since("%(d)s", "MIN(o.due_date)")} + 1 END AS dpd,
                   COALESCE(SUM(o.out_paise), 0) AS overdue_paise,
                   {npa_from_sql(p.table)} AS npa_from,
                   {watch} AS watch
            FROM loans_loan l
            JOIN loans_loanproduct p ON p.id = l.product_id
            LEFT JOIN {OVERDUE} o ON o.loan_id = l.id AND o.out_paise > {FLOOR_PAISE}
                AND l.status = %(active)s
            WHERE l.id IN ({candidates})
              AND l.id BETWEEN %(lo)s AND %(hi)s
              AND l.status IN (%(active)s, {SETTLED_STATUSES})
            GROUP BY l.id, l.dpd, l.bucket, p.npa_threshold_days, l.restructured_on
            HAVING MIN(o.due_date) IS NOT NULL OR l.dpd <> 0 OR l.bucket <> %(bucket_0)s
        ) s
        """
    return sql, p.bind(active=ACTIVE, **bucket_params)


def state_step(cur, p: ChunkParams) -> int:
    """The state table; returns how many active loans the range holds."""
    select, params = state_select(p)
    _exec(cur, f"CREATE TEMP TABLE {STATE} AS {select}", params)
    cur.execute(
        "SELECT COUNT(*) FROM loans_loan WHERE id BETWEEN %(lo)s AND %(hi)s"
        " AND status = %(active)s",
        p.bind(active=ACTIVE),
    )
    return cur.fetchone()[0]


def loans_step(cur, p: ChunkParams, *, loans: int) -> dict:
    """Bucket history for every change, then the loans' dpd and bucket. `loans` is how
    many active loans the range holds (those not in the state table are current)."""
    changes = _exec(
        cur,
        f"""
        INSERT INTO collection_buckethistory
            (loan_id, business_date, from_bucket, to_bucket, dpd, created_at)
        SELECT loan_id, %(d)s, old_bucket, bucket, dpd, %(now)s
        FROM {STATE} WHERE old_bucket <> bucket
        ON CONFLICT (loan_id, business_date)
        DO UPDATE SET to_bucket = excluded.to_bucket, dpd = excluded.dpd
        """,
        p.bind(),
    )
    updated = _exec(
        cur,
        f"""
        UPDATE loans_loan SET dpd = s.dpd, bucket = s.bucket, updated_at = %(now)s
        FROM {STATE} s
        WHERE loans_loan.id = s.loan_id AND loans_loan.id BETWEEN %(lo)s AND %(hi)s
          AND (loans_loan.dpd <> s.dpd OR loans_loan.bucket <> s.bucket)
        """,
        p.bind(),
    )
    cur.execute(f"SELECT bucket, COUNT(*) FROM {STATE} GROUP BY bucket ORDER BY bucket")
    buckets = {name: count for name, count in cur.fetchall()}
    current = p.table.current.name
    buckets[current] = buckets.get(current, 0) + loans - sum(buckets.values())
    return {"bucket_changes": changes, "loans_updated": updated, "buckets": buckets}


def cases_step(cur, p: ChunkParams) -> dict:
    """Resolve, refresh and open collection cases from the state table."""
    case = "collection_collectioncase"
    resolve_set = (
        f"status = '{CaseStatus.RESOLVED.value}', closed_on = %(d)s,"
        " overdue_amount = 0, updated_at = %(now)s"
    )
    resolved = _exec(
        cur,
        f"""
        UPDATE {case} SET {resolve_set}
        FROM {STATE} s
        WHERE {case}.loan_id = s.loan_id AND {case}.status IN ({OPEN_STATUSES}) AND s.dpd = 0
          AND {case}.loan_id BETWEEN %(lo)s AND %(hi)s
        """,
        p.bind(),
    )
    # Paid off, foreclosed or cancelled since the case opened: nothing is owed any more.
    # (Written-off loans keep their case: recovery goes on.)
    resolved += _exec(
        cur,
        f"""
        UPDATE {case} SET {resolve_set}
        WHERE {case}.loan_id BETWEEN %(lo)s AND %(hi)s AND {case}.status IN ({OPEN_STATUSES})
          AND {case}.loan_id IN (
              SELECT id FROM loans_loan
              WHERE id BETWEEN %(lo)s AND %(hi)s AND status IN ({SETTLED_STATUSES})
          )
        """,
        p.bind(),
    )
    # Only the overdue amount is the case's own (DPD and bucket are read from the loan): it
    # moves when an installment falls due, a charge is levied or a payment is made, so
    # most nights leave most open cases untouched.
    refreshed = _exec(
        cur,
        f"""
        UPDATE {case}
        SET overdue_amount = {money_from_paise_sql("s.overdue_paise")}, updated_at = %(now)s
        FROM {STATE} s
        WHERE {case}.loan_id = s.loan_id AND {case}.status IN ({OPEN_STATUSES}) AND s.dpd > 0
          AND {case}.loan_id BETWEEN %(lo)s AND %(hi)s
          AND CAST(ROUND({case}.overdue_amount * 100) AS BIGINT) <> s.overdue_paise
        """,
        p.bind(),
    )
    opened = _exec(
        cur,
        f"""
        INSERT INTO {case}
            (loan_id, status, opened_on, overdue_amount, legal_escalated, updated_at)
        SELECT s.loan_id, %(open)s, %(d)s, {money_from_paise_sql("s.overdue_paise")},
               %(false)s, %(now)s
        FROM {STATE} s
        WHERE s.dpd > 0 AND NOT EXISTS (
            SELECT 1 FROM {case} c
            WHERE c.loan_id = s.loan_id AND c.status IN ({OPEN_STATUSES})
        )
        """,
        p.bind(open=CaseStatus.OPEN.value, false=False),
    )
    return {"opened": opened, "refreshed": refreshed, "resolved": resolved}


def escalation_step(cur, p: ChunkParams) -> int | str:
    """Legal escalation of the open cases at or past the threshold (once per case)."""
    if not p.escalation_enabled:
        return "skipped"
    return _exec(
        cur,
        f"""
        UPDATE collection_collectioncase
        SET legal_escalated = %(true)s, escalated_on = %(d)s, updated_at = %(now)s
        WHERE loan_id IN (SELECT loan_id FROM {STATE} WHERE dpd >= %(threshold)s)
          AND loan_id BETWEEN %(lo)s AND %(hi)s
          AND status IN ({OPEN_STATUSES})
          AND legal_escalated = %(false)s
        """,
        p.bind(true=True, false=False, threshold=p.escalation_threshold),
    )


def drop_work_tables(cur) -> None:
    """The temp tables live for one chunk; they are created inside the chunk's transaction,
    so a failed chunk leaves none behind either."""
    for name in (OVERDUE, STATE):
        _drop(cur, name)


def chunk_ranges(*, size: int) -> Iterator[tuple[int, int]]:
    """Contiguous loan-id ranges covering every loan id (a closed loan's open case must
    still be resolved by some chunk), each as wide as `size` active loans take on average.
    Three cheap reads (the primary key's ends, the status index's count) instead of
    numbering every active loan: a book with long runs of closed loans gets some lighter
    chunks, never heavier ones on average."""
    with connection.cursor() as cur:
        cur.execute("SELECT COALESCE(MIN(id), 0), COALESCE(MAX(id), 0) FROM loans_loan")
        first, last = cur.fetchone()
        cur.execute("SELECT COUNT(*) FROM loans_loan WHERE status = %s", [ACTIVE])
        active = cur.fetchone()[0]
    if not active:
        yield (0, last)
        return
    width = max(1, -(-size * (last - first + 1) // active))  # ceiling division
    for start in range(first, last + 1, width):
        yield (0 if start == first else start, min(start + width - 1, last))
