"""Penal charges, set-based (RBI penal-charges rules, 2023; DESIGN §7.3): one charge per
installment overdue beyond the product's grace days (levied by the first day-end where
D - due date > grace days), never again for that installment.

The effects are exactly those of repayments.services.payments.charge_levy, for every
charge of the range at once: a Charge row (kind penal, reason, its journal entry), the
installment's penal_due += amount (and paid_on cleared), one journal entry of kind
"charge" with reference "charge:<installment>:penal" and memo = reason, its two lines
Dr CHARGES_RECEIVABLE / Cr CHARGES_SUSPENSE on the loan (income only when paid). The
charge is outside the schedule: principal and interest rows are never touched, so it is
never capitalised and never earns interest. Audit: one event per chunk (collection.dayend.job)
with the number and total of the charges, not one per charge.

Only penal charges raise penal_due, so an installment with penal_due > 0 was charged
already; the others are looked up in the charges, and the unique (installment, kind)
constraint has the last word.
"""
# ruff: noqa: S608  (only this package's constants are spliced; values are bound)

from __future__ import annotations

import json
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder

from collection.dayend.sql import (
    ACTIVE,
    FLOOR_PAISE,
    OVERDUE,
    PENAL_ENTRY_KIND,
    PENAL_KIND,
    PENAL_REASON,
    ChunkParams,
    _drop,
    _exec,
    _postgres,
    days_since,
    rounded_paise_sql,
)
from collection.models import NotificationStatus
from collection.notices.listeners import charge_facts
from collection.notices.service import notices_deliver_after_commit
from collection.notify import IN_APP
from lendingsite.rawsql import money_from_paise_sql
from loans import ledger
from loans.vocabulary import PENAL_FLAT

PENAL = "dayend_penal"
NOTICE_KIND = "charge_levied"  # collection.notices.kinds


def _candidates_sql() -> str:
    # The entries' ids are drawn now: each charge names its entry (the ledger writes them).
    entry_id = ledger.entry_ids_sql(order_by="c.installment_id")
    # outstanding paise x percent in 1/10000: the charge in paise is n / 1,000,000.
    if _postgres():
        n_sql = "CAST(o.out_paise AS NUMERIC) * ROUND(p.penal_charge_percent * 10000)"
    else:
        n_sql = "o.out_paise * CAST(ROUND(p.penal_charge_percent * 10000) AS BIGINT)"
    amount_paise = (
        "CASE WHEN c.penal_charge_type = %(flat)s"
        " THEN CAST(ROUND(c.penal_charge_flat * 100) AS BIGINT)"
        f" ELSE {rounded_paise_sql('c.n', 1_000_000, 'c.rounding')} END"
    )
    return f"""
        CREATE TEMP TABLE {PENAL} AS
        SELECT {entry_id} AS entry_id, c.installment_id, c.loan_id, c.amount_paise
        FROM (
            SELECT c.installment_id, c.loan_id, {amount_paise} AS amount_paise
            FROM (
                SELECT o.id AS installment_id, o.loan_id, l.rounding, p.penal_charge_type,
                       p.penal_charge_flat, {n_sql} AS n
                FROM {OVERDUE} o
                JOIN loans_loan l ON l.id = o.loan_id
                JOIN loans_loanproduct p ON p.id = l.product_id
                WHERE o.penal_due_paise = 0
                  AND l.status = %(active)s
                  AND o.out_paise > {FLOOR_PAISE}
                  AND {days_since("%(d)s", "o.due_date")} > p.penal_grace_days
                  AND NOT EXISTS (
                      SELECT 1 FROM repayments_charge x
                      WHERE x.installment_id = o.id AND x.kind = %(kind)s
                  )
            ) c
        ) c
        WHERE c.amount_paise > 0
        """


def penal_step(cur, p: ChunkParams) -> dict:
    """Levy today's penal charges of the range; the overdue table is updated to include
    them (what the borrower owes now is what the case shows)."""
    _exec(cur, _candidates_sql(), p.bind(kind=PENAL_KIND, active=ACTIVE, flat=PENAL_FLAT))
    cur.execute(f"SELECT COUNT(*) FROM {PENAL}")
    candidates = cur.fetchone()[0]
    if not candidates:
        _drop(cur, PENAL)
        return {"charges": 0, "amount": "0.00"}
    amount = money_from_paise_sql("amount_paise")
    # The unique (installment, kind) constraint is the last word: a charge levied by hand
    # a moment ago wins, and the candidates that lost are dropped before any money moves.
    inserted = _exec(
        cur,
        f"""
        INSERT INTO repayments_charge
            (loan_id, installment_id, kind, amount, charged_on, reason, journal_entry_id,
             created_at)
        SELECT loan_id, installment_id, %(kind)s, {amount}, %(d)s,
               %(reason)s, entry_id, %(now)s
        FROM {PENAL} WHERE amount_paise > 0
        ON CONFLICT (installment_id, kind) DO NOTHING
        """,
        p.bind(kind=PENAL_KIND, reason=PENAL_REASON),
    )
    if inserted != candidates:
        _exec(
            cur,
            f"""
            DELETE FROM {PENAL} WHERE NOT EXISTS (
                SELECT 1 FROM repayments_charge x
                WHERE x.installment_id = {PENAL}.installment_id AND x.kind = %(kind)s
                  AND x.journal_entry_id = {PENAL}.entry_id
            )
            """,
            {"kind": PENAL_KIND},
        )
    # As charge_levy posts it: Dr receivable / Cr suspense (income only when paid).
    charges = ledger.journal_post_rows(
        cur,
        rows=PENAL,
        entry_date=p.business_date,
        kind=PENAL_ENTRY_KIND,
        debit=ledger.CHARGES_RECEIVABLE,
        credit=ledger.CHARGES_SUSPENSE,
        now=p.now,
        memo=PENAL_REASON,
        reference_sql="'charge:' || installment_id || ':' || %(kind)s",
        params={"kind": PENAL_KIND},
    )
    _exec(
        cur,
        f"""
        UPDATE loans_installment
        SET penal_due = penal_due + {money_from_paise_sql("c.amount_paise")}, paid_on = NULL
        FROM {PENAL} c WHERE loans_installment.id = c.installment_id
        """,
    )
    _exec(
        cur,
        f"""
        UPDATE {OVERDUE} SET out_paise = out_paise + c.amount_paise
        FROM {PENAL} c WHERE {OVERDUE}.id = c.installment_id
        """,
    )
    _notices_insert(cur, p)
    cur.execute(f"SELECT COALESCE(SUM(amount_paise), 0) FROM {PENAL}")
    total_paise = int(cur.fetchone()[0])
    _drop(cur, PENAL)
    return {"charges": charges, "amount": str(Decimal(total_paise).scaleb(-2))}


def _notices_insert(cur, p: ChunkParams) -> int:
    """RBI requires each penal charge to be communicated: one notice per charge levied
    (collection.notices), made here in the chunk's transaction, set-based like the charges,
    with the key a charge levied by hand gets (`charge_levied:<charge id>:in_app`), so a
    charge is told once whichever way it was levied. The texts are written, and the email
    and SMS sent, after the chunk commits (transactional: at any hour)."""
    facts = json.dumps(
        charge_facts(kind=PENAL_KIND, charged_on=p.business_date, reason=PENAL_REASON),
        cls=DjangoJSONEncoder,
    )
    data = "CAST(%(data)s AS jsonb)" if _postgres() else "%(data)s"
    made = _exec(
        cur,
        f"""
        INSERT INTO collection_notification
            (borrower_id, loan_id, installment_id, promise_id, kind, channel, subject, body,
             amount, data, status, not_before, sent_at, error, created_at, dedupe_key)
        SELECT l.borrower_id, c.loan_id, c.installment_id, NULL, %(notice)s, %(in_app)s, '', '',
               {money_from_paise_sql("c.amount_paise")}, {data}, %(queued)s, %(now)s, NULL, '', %(now)s,
               %(notice)s || ':' || x.id || ':' || %(in_app)s
        FROM {PENAL} c
        JOIN repayments_charge x ON x.journal_entry_id = c.entry_id
        JOIN loans_loan l ON l.id = c.loan_id
        WHERE c.amount_paise > 0
        ON CONFLICT (dedupe_key) DO NOTHING
        """,
        p.bind(
            notice=NOTICE_KIND, in_app=IN_APP, queued=NotificationStatus.QUEUED.value, data=facts
        ),
    )
    if made:
        notices_deliver_after_commit()
    return made
