"""Step 3: classification and provisions (rules.asset_class, provision_required)."""

# ruff: noqa: S608

from __future__ import annotations

from accounting.close.sql.common import (
    BOOKS,
    MOVES,
    PROV,
    CloseParams,
    _drop,
    _exec,
    greatest,
    least,
    money,
    post_rows,
)
from accounting.rules import CLASSES, D1, D2, D3, LOSS, STANDARD, SUBSTANDARD
from collection.dayend.sql import days_since, int_div
from lendingsite.rawsql import money_from_paise_sql
from loans import ledger


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
    made, made_total = post_rows(
        cur,
        p,
        where="posted > 0",
        amount="posted",
        kind="provision",
        debit=E,
        credit=P,
        memo="Month-end provision (IRACP)",
    )
    back, back_total = post_rows(
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
