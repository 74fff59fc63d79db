"""Step 2: accrual, reversal, suspense and release (rules.accrual_moves)."""

# ruff: noqa: S608

from __future__ import annotations

from accounting.close.sql.common import (
    BOOKS,
    MOVES,
    CloseParams,
    _drop,
    _exec,
    greatest,
    least,
    money,
    post_rows,
)
from loans import ledger


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
        posted, total = post_rows(
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
