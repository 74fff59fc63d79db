"""Step 1: each loan's books as of the date (ledger balances, interest earned)."""

# ruff: noqa: S608

from __future__ import annotations

from accounting.close.sql.common import (
    ACCRUAL_KINDS,
    BOOKS,
    EARNED,
    LEDGER,
    CloseParams,
    _exec,
    _postgres,
    days_between,
    paise,
)
from collection.dayend.sql import day
from loans import ledger


def _account_ids() -> dict[str, int]:
    codes = {
        ledger.INTEREST_RECEIVABLE,
        ledger.INTEREST_SUSPENSE,
        ledger.LOAN_PORTFOLIO,
        ledger.LOAN_LOSS_PROVISION,
    }
    return {code: ledger._account_ids(codes)[code] for code in codes}


def books_step(cur, p: CloseParams) -> int:
    """The per-loan books of the range as of the date (table BOOKS); returns its rows."""
    ids = _account_ids()
    kinds = ", ".join(f"'{kind}'" for kind in ACCRUAL_KINDS)
    dr_cr = paise("jl.debit - jl.credit")
    _exec(
        cur,
        f"""
        CREATE TEMP TABLE {LEDGER} AS
        SELECT jl.loan_id,
          SUM(CASE WHEN jl.account_id = %(r)s THEN {dr_cr} ELSE 0 END) AS r,
          SUM(CASE WHEN jl.account_id = %(s)s THEN -{dr_cr} ELSE 0 END) AS s,
          SUM(CASE WHEN jl.account_id = %(r)s AND je.kind IN ({kinds})
              THEN {dr_cr} ELSE 0 END) AS a,
          SUM(CASE WHEN jl.account_id = %(p)s THEN {dr_cr} ELSE 0 END) AS p,
          SUM(CASE WHEN jl.account_id = %(prov)s THEN -{dr_cr} ELSE 0 END) AS prov
        FROM loans_journalline jl
        JOIN loans_journalentry je ON je.id = jl.entry_id
        WHERE jl.loan_id BETWEEN %(lo)s AND %(hi)s
          AND jl.account_id IN (%(r)s, %(s)s, %(p)s, %(prov)s)
          AND je.entry_date <= {day("%(d)s")}
        GROUP BY jl.loan_id
        """,
        p.bind(
            r=ids[ledger.INTEREST_RECEIVABLE],
            s=ids[ledger.INTEREST_SUSPENSE],
            p=ids[ledger.LOAN_PORTFOLIO],
            prov=ids[ledger.LOAN_LOSS_PROVISION],
        ),
    )
    _exec(cur, f"CREATE TEMP TABLE {EARNED} AS {earned_select()}", p.bind())
    _exec(
        cur,
        f"""
        CREATE TEMP TABLE {BOOKS} AS
        SELECT l.id AS loan_id, l.status, l.bucket, l.dpd,
               COALESCE(g.r, 0) AS r, COALESCE(g.s, 0) AS s, COALESCE(g.a, 0) AS a,
               COALESCE(g.p, 0) AS p, COALESCE(g.prov, 0) AS prov,
               COALESCE(e.earned, 0) AS earned,
               COALESCE({paise("c.realisable_value")}, 0) AS security,
               (SELECT MAX(h.business_date) FROM collection_buckethistory h
                WHERE h.loan_id = l.id AND h.to_bucket = %(npa)s AND h.from_bucket <> %(npa)s
                  AND h.business_date <= {day("%(d)s")}) AS npa_since
        FROM loans_loan l
        LEFT JOIN {LEDGER} g ON g.loan_id = l.id
        LEFT JOIN {EARNED} e ON e.loan_id = l.id
        LEFT JOIN accounting_loancollateral c ON c.loan_id = l.id
        WHERE l.id BETWEEN %(lo)s AND %(hi)s
          AND (l.status = %(active)s OR g.loan_id IS NOT NULL)
        """,
        p.bind(),
    )
    cur.execute(f"SELECT COUNT(*) FROM {BOOKS}")
    return cur.fetchone()[0]


def earned_select() -> str:
    """The SQL twin of rules.interest_earned for the active loans of the range: each
    installment's period starts at the previous due date (the disbursement for the
    first); a running period earns its share of days, rounded down to the paisa."""
    ip = "x.ip"
    elapsed = days_between(day("%(d)s"), "x.start")
    length = days_between("x.due_date", "x.start")
    share_sql = (
        f"FLOOR(CAST({ip} * {elapsed} AS NUMERIC) / {length})"
        if _postgres()
        else f"(({ip} * {elapsed}) / {length})"
    )
    return f"""
        SELECT x.loan_id, SUM(CASE
                 WHEN x.due_date <= {day("%(d)s")} THEN {ip}
                 WHEN x.start < {day("%(d)s")} THEN {share_sql}
                 ELSE 0 END) AS earned
        FROM (
            SELECT i.loan_id, i.due_date, {paise("i.interest_due")} AS ip,
                   COALESCE(LAG(i.due_date) OVER (PARTITION BY i.loan_id ORDER BY i.number),
                            l.disbursed_on) AS start
            FROM loans_installment i
            JOIN loans_loan l ON l.id = i.loan_id
            WHERE i.loan_id BETWEEN %(lo)s AND %(hi)s AND l.status = %(active)s
              AND l.disbursed_on IS NOT NULL
        ) x
        GROUP BY x.loan_id
        """
