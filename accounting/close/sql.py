"""The month-end's set-based SQL, per loan-id range (``loan_id BETWEEN lo AND hi``), inside
the caller's transaction (accounting.close.job): a handful of statements per chunk, never
a Python loop per loan. Generated from the rules' configuration and held equal to
accounting.rules by hypothesis tests (accounting/tests/test_close_sql.py).

Per chunk, in order:
1. books: per loan, from the ledger as of the date (entries dated on or before it):
   Interest Receivable, Interest Suspense, what accrual entries posted, Loan Portfolio,
   the provision held; the interest earned to the date from the schedule; the security.
2. accrual (rules.accrual_moves): accrual / reversal entries, then suspense / release.
3. provisioning (close only; rules.asset_class, rules.provision_required): the per-loan
   detail rows and one entry per loan for the difference from the provision held.

Money is summed in integer paise (exact on SQLite's floats and PostgreSQL's numerics).
Every value is bound; the f-strings splice this module's own names and generated CASE
fragments, hence the S608 waiver.
"""
# ruff: noqa: S608

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.db import connection

from accounting.rules import CLASSES, D1, D2, D3, LOSS, STANDARD, SUBSTANDARD, Periods, Rate
from collection.dayend.sql import day, days_since, int_div
from lendingsite.rawsql import money_from_paise_sql
from loans import ledger
from loans.models import LoanStatus

BOOKS = "me_books"
LEDGER = "me_ledger"
EARNED = "me_earned"
MOVES = "me_moves"
POST = "me_post"
PROV = "me_prov"
ACCRUAL_KINDS = ("interest_accrual", "interest_accrual_reversal")
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


def moves_select() -> str:
    """The SQL twin of rules.accrual_moves over BOOKS (paise)."""
    npa_accrue = greatest("0", least("b.earned - b.a", "-b.r"))
    accrue = (
        "CASE WHEN b.status = %(written_off)s THEN 0"
        " WHEN b.status <> %(active)s THEN -b.r"
        f" WHEN b.bucket = %(npa)s THEN {npa_accrue}"
        " ELSE b.earned - b.a END"
    )
    suspend = (
        "CASE WHEN m.status = %(written_off)s THEN 0"
        " WHEN m.status = %(active)s AND m.bucket = %(npa)s"
        f" THEN {greatest('m.r + m.accrue', '0')} - m.s"
        " ELSE -m.s END"
    )
    return f"""
        SELECT m.loan_id, m.accrue, {suspend} AS suspend
        FROM (SELECT b.*, {accrue} AS accrue FROM {BOOKS} b) m
        """


def _post(cur, p: CloseParams, *, where: str, amount: str, kind: str, debit, credit, memo):
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


def accrual_step(cur, p: CloseParams) -> dict:
    """Accrue, reverse, suspend and release, one entry per loan and movement; BOOKS is
    updated to the balances after them (the provisioning reads the exposure from it)."""
    _exec(cur, f"CREATE TEMP TABLE {MOVES} AS {moves_select()}", p.bind())
    inc, R, S = ledger.INTEREST_INCOME, ledger.INTEREST_RECEIVABLE, ledger.INTEREST_SUSPENSE
    counts = {}
    for name, where, amount, kind, debit, credit, memo in (
        ("accrued", "accrue > 0", "accrue", "interest_accrual", R, inc, "Interest accrued"),
        (
            "accrual_reversed",
            "accrue < 0",
            "-accrue",
            "interest_accrual_reversal",
            inc,
            R,
            "Accrued interest reversed (not earned / loan closed)",
        ),
        (
            "suspended",
            "suspend > 0",
            "suspend",
            "npa_interest_suspended",
            inc,
            S,
            "NPA: accrued interest not collected reversed into suspense",
        ),
        (
            "released",
            "suspend < 0",
            "-suspend",
            "npa_interest_released",
            S,
            inc,
            "Interest suspense released (collected, or loan upgraded)",
        ),
    ):
        posted, total = _post(
            cur, p, where=where, amount=amount, kind=kind, debit=debit, credit=credit, memo=memo
        )
        counts[name] = {"entries": posted, "amount": str(money(total))}
    _exec(
        cur,
        f"""
        UPDATE {BOOKS} SET r = r + m.accrue, s = s + m.suspend
        FROM {MOVES} m WHERE {BOOKS}.loan_id = m.loan_id
        """,
    )
    _drop(cur, MOVES)
    return counts


def money(paise_total: int):
    from decimal import Decimal

    return Decimal(paise_total).scaleb(-2)


def class_case(p: CloseParams) -> str:
    """The SQL twin of rules.asset_class over `days_in_npa` (x.days)."""
    q = p.periods
    whens = []
    if q.loss_after:
        whens.append(f"WHEN x.days >= {int(q.loss_after)} THEN '{LOSS}'")
    whens += [
        f"WHEN x.days < {int(q.substandard)} THEN '{SUBSTANDARD}'",
        f"WHEN x.days < {int(q.substandard + q.d1)} THEN '{D1}'",
        f"WHEN x.days < {int(q.substandard + q.d1 + q.d2)} THEN '{D2}'",
    ]
    return f"CASE WHEN x.npa = 0 THEN '{STANDARD}' {' '.join(whens)} ELSE '{D3}' END"


def _rate_case(p: CloseParams, side: str) -> str:
    """Rate of each class in hundredths of a percent (a whole number)."""
    whens = " ".join(
        f"WHEN y.asset_class = '{name}' THEN {int(getattr(p.rates[name], side) * 100)}"
        for name in CLASSES
    )
    return f"CASE {whens} ELSE 10000 END"


def _ceil_part(amount: str, rate: str) -> str:
    return int_div(f"{amount} * {rate} + 9999", 10000)


def provision_step(cur, p: CloseParams, *, run_id: int) -> dict:
    """Classify, compute the required provision, keep the detail, post the difference
    from the provision held (Dr Provision Expense / Cr Provision; the reverse for a
    write-back). Loans with nothing required and nothing held are left out."""
    npa_days = (
        f"CASE WHEN b.npa_since IS NOT NULL THEN {days_since('%(d)s', 'b.npa_since')}"
        f" WHEN b.dpd > {p.npa_from} THEN b.dpd - {p.npa_from} ELSE 0 END"
    )
    exposure = greatest("b.p + b.r - b.s", "0")
    secured = least("y.exposure", "y.security")
    _exec(
        cur,
        f"""
        CREATE TEMP TABLE {PROV} AS
        SELECT z.*, z.required - z.held AS posted FROM (
          SELECT y.loan_id, y.asset_class, y.days, y.exposure, y.held,
                 {secured} AS secured, y.exposure - {secured} AS unsecured,
                 {_ceil_part(secured, _rate_case(p, "secured"))}
                 + {_ceil_part(f"(y.exposure - {secured})", _rate_case(p, "unsecured"))}
                   AS required
          FROM (
            SELECT x.loan_id, x.days, x.exposure, x.held, x.security, {class_case(p)} AS asset_class
            FROM (
              SELECT b.loan_id, b.prov AS held, b.security,
                     CASE WHEN b.status = %(active)s THEN {exposure} ELSE 0 END AS exposure,
                     CASE WHEN b.status = %(active)s AND b.bucket = %(npa)s THEN 1 ELSE 0 END
                       AS npa,
                     CASE WHEN b.status = %(active)s AND b.bucket = %(npa)s THEN {npa_days}
                       ELSE 0 END AS days
              FROM {BOOKS} b
            ) x
          ) y
        ) z
        WHERE z.required <> 0 OR z.held <> 0
        """,
        p.bind(),
    )
    m = money_from_paise_sql
    detail = _exec(
        cur,
        f"""
        INSERT INTO accounting_provisiondetail
          (run_id, loan_id, as_of, asset_class, days_in_npa, exposure, secured, unsecured,
           required, held_before, posted)
        SELECT %(run)s, loan_id, %(d)s, asset_class, days, {m("exposure")}, {m("secured")},
               {m("unsecured")}, {m("required")}, {m("held")},
               CASE WHEN posted < 0 THEN -{m("-posted")} ELSE {m("posted")} END
        FROM {PROV}
        """,
        p.bind(run=run_id),
    )
    _exec(cur, f"CREATE TEMP TABLE {MOVES} AS SELECT loan_id, posted FROM {PROV}")
    E, P = ledger.PROVISION_EXPENSE, ledger.LOAN_LOSS_PROVISION
    made, made_total = _post(
        cur,
        p,
        where="posted > 0",
        amount="posted",
        kind="provision",
        debit=E,
        credit=P,
        memo="Month-end provision (IRACP)",
    )
    back, back_total = _post(
        cur,
        p,
        where="posted < 0",
        amount="-posted",
        kind="provision_write_back",
        debit=P,
        credit=E,
        memo="Month-end provision written back",
    )
    cur.execute(f"SELECT COALESCE(SUM(required), 0) FROM {PROV}")
    required = int(cur.fetchone()[0])
    _drop(cur, MOVES, PROV)
    return {
        "loans": detail,
        "required": str(money(required)),
        "provided": {"entries": made, "amount": str(money(made_total))},
        "written_back": {"entries": back, "amount": str(money(back_total))},
    }


def drop_work_tables(cur) -> None:
    _drop(cur, LEDGER, EARNED, BOOKS, MOVES, POST, PROV)
