"""Borrower-wise NPA (RBI IRACP: the borrower, not the account, is classified): once the
day-end's chunks have set every loan's own bucket, any active loan of a borrower who has
an active NPA loan is NPA too, with a bucket-history row whose cause is
`borrower_contagion`. It runs once over the whole book after the chunks (a borrower's
loans may sit in different chunks), in the run's finish.

Upgrades: a loan is NPA on its own while the per-loan rule keeps it there
(collection.dayend.buckets.bucket_for: DPD above 0, or a restructure's watch period). A
loan in NPA only through its borrower (DPD 0) is upgraded here, cause
`borrower_upgraded`, once no loan of the borrower is NPA on its own: a borrower is
upgraded only when every arrear on every loan is paid. A loan moved twice in one day
(upgraded by its chunk, pulled back here) keeps no history row for the day: no change.
"""
# ruff: noqa: S608

from __future__ import annotations

from datetime import date, datetime

from django.db import connection

from collection.dayend.buckets import RESTRUCTURE_WATCH_DAYS, bucket_table
from collection.dayend.sql import days_since
from lendingsite import rawsql
from loans.models import LoanStatus

CAUSE = "borrower_contagion"
UPGRADE_CAUSE = "borrower_upgraded"


def borrower_contagion_apply(*, business_date: date, now: datetime) -> int:
    """Upgrade the loans NPA only through a borrower no longer NPA, then pull every active
    loan of a borrower with an active NPA loan into NPA; returns how many loans moved."""
    table = bucket_table()
    ops = connection.ops
    params = {
        "npa": table.npa.name,
        "current": table.current.name,
        "upgrade_cause": UPGRADE_CAUSE,
        "active": LoanStatus.ACTIVE.value,
        "d": ops.adapt_datefield_value(business_date),
        "now": ops.adapt_datetimefield_value(now),
        "cause": CAUSE,
    }
    affected = """
        FROM loans_loan l
        WHERE l.status = %(active)s AND l.bucket <> %(npa)s
          AND l.borrower_id IN (
              SELECT n.borrower_id FROM loans_loan n
              WHERE n.status = %(active)s AND n.bucket = %(npa)s
          )
    """
    watch = (
        f"(o.restructured_on IS NOT NULL AND {days_since('%(d)s', 'o.restructured_on')}"
        f" < {RESTRUCTURE_WATCH_DAYS})"
    )
    upgraded = f"""
        FROM loans_loan l
        WHERE l.status = %(active)s AND l.bucket = %(npa)s AND l.dpd = 0
          AND NOT (l.restructured_on IS NOT NULL
                   AND {days_since("%(d)s", "l.restructured_on")} < {RESTRUCTURE_WATCH_DAYS})
          AND NOT EXISTS (
              SELECT 1 FROM loans_loan o
              WHERE o.borrower_id = l.borrower_id AND o.status = %(active)s
                AND o.bucket = %(npa)s AND (o.dpd > 0 OR {watch})
          )
    """
    # Values inlined (client-side binding), as the chunks' statements: a parameter used
    # both as a bucket column and in a comparison gets one type, whatever PostgreSQL infers.
    with rawsql.values_inlined(), connection.cursor() as cur:
        cur.execute(
            f"""
            INSERT INTO collection_buckethistory
                (loan_id, business_date, from_bucket, to_bucket, dpd, cause, created_at)
            SELECT l.id, %(d)s, l.bucket, %(current)s, 0, %(upgrade_cause)s, %(now)s {upgraded}
            ON CONFLICT (loan_id, business_date)
            DO UPDATE SET to_bucket = excluded.to_bucket, cause = excluded.cause
            """,
            params,
        )
        cur.execute(
            f"UPDATE loans_loan SET bucket = %(current)s WHERE id IN (SELECT l.id {upgraded})",
            params,
        )
        moved = cur.rowcount
        cur.execute(
            f"""
            INSERT INTO collection_buckethistory
                (loan_id, business_date, from_bucket, to_bucket, dpd, cause, created_at)
            SELECT l.id, %(d)s, l.bucket, %(npa)s, l.dpd, %(cause)s, %(now)s {affected}
            ON CONFLICT (loan_id, business_date)
            DO UPDATE SET to_bucket = excluded.to_bucket, cause = excluded.cause
            """,
            params,
        )
        cur.execute(
            f"UPDATE loans_loan SET bucket = %(npa)s WHERE id IN (SELECT l.id {affected})", params
        )
        moved += cur.rowcount
        cur.execute(
            "DELETE FROM collection_buckethistory WHERE business_date = %(d)s"
            " AND cause IN (%(cause)s, %(upgrade_cause)s) AND from_bucket = to_bucket",
            params,
        )
    return moved
