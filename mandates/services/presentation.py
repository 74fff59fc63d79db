"""The presentation job: N days before each due date, every installment still owed on a
loan with an active mandate is presented for debit, one batch per adapter and day
(docs/mandates.md). Set-based like the day-end: a few statements whatever the size of the
book, nothing per loan in Python, so memory stays flat.

Idempotent: a presentation is unique per (loan, due date, attempt), every INSERT skips
conflicts, and the batch is unique per (adapter, day). Running the job twice for a day, or
on two days that target the same due date, presents nothing twice.
"""
# ruff: noqa: S608  (table names and this module's constants only; values are parameters)

from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.db import connection, transaction

from lendingsite.audit import audit_record
from lendingsite.dates import today_ist
from lendingsite.rawsql import money_from_paise_sql
from loans.models import Installment, Loan, LoanStatus
from mandates.models import (
    Mandate,
    MandateStatus,
    Presentation,
    PresentationBatch,
    PresentationStatus,
)

T_LOAN, T_INST = Loan._meta.db_table, Installment._meta.db_table
T_MANDATE, T_BATCH = Mandate._meta.db_table, PresentationBatch._meta.db_table
T_PRES = Presentation._meta.db_table
ACTIVE_LOAN, ACTIVE_MANDATE = LoanStatus.ACTIVE.value, MandateStatus.ACTIVE.value
PRESENTED, SCHEDULED = PresentationStatus.PRESENTED.value, PresentationStatus.SCHEDULED.value
SKIPPED = PresentationStatus.SKIPPED.value


@dataclass(frozen=True)
class PresentationRun:
    presented_on: date
    due_date: date
    presented: int  # first presentations made by this run
    represented: int  # scheduled re-presentations sent by this run
    skipped: int  # scheduled re-presentations dropped (paid since, or mandate stopped)


def _least_paise(a: str, b: str) -> str:
    fn = "LEAST" if connection.vendor == "postgresql" else "MIN"
    return f"{fn}(ROUND({a} * 100), ROUND({b} * 100))"


def _exec(sql: str, params: list) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.rowcount


@transaction.atomic
def presentations_run(
    *, business_date: date | None = None, days_before: int | None = None
) -> PresentationRun:
    """Present every installment due `days_before` days after `business_date` (settings
    MANDATE_PRESENT_DAYS_BEFORE, default 1) and the re-presentations scheduled up to that
    day. One transaction: a failed run presents nothing and may simply be run again."""
    day = business_date or today_ist()
    lead = settings.MANDATE_PRESENT_DAYS_BEFORE if days_before is None else days_before
    due = day + timedelta(days=lead)
    amount = money_from_paise_sql(_least_paise("i.owed", "m.max_amount"))
    live = (
        f"m.status = '{ACTIVE_MANDATE}' AND l.status = '{ACTIVE_LOAN}' "
        "AND m.start_on <= i.due_date AND m.end_on >= i.due_date AND i.owed > 0"
    )
    # 1. A batch per adapter with something to present today (first or again).
    _exec(
        f"""INSERT INTO {T_BATCH} (adapter, presented_on, count, total, created_at)
        SELECT DISTINCT m.adapter, %s, 0, 0, CURRENT_TIMESTAMP
        FROM {T_MANDATE} m JOIN {T_LOAN} l ON l.id = m.loan_id
        JOIN {T_INST} i ON i.loan_id = l.id
        WHERE {live} AND ((i.due_date = %s AND NOT EXISTS (
            SELECT 1 FROM {T_PRES} p WHERE p.loan_id = l.id AND p.due_date = i.due_date
            AND p.attempt = 1)) OR EXISTS (
            SELECT 1 FROM {T_PRES} p WHERE p.installment_id = i.id AND p.status = '{SCHEDULED}'
            AND p.scheduled_on <= %s))
        ON CONFLICT (adapter, presented_on) DO NOTHING""",
        [day, due, day],
    )
    # 2. First presentations of the installments falling due on `due`.
    presented = _exec(
        f"""INSERT INTO {T_PRES} (batch_id, mandate_id, loan_id, installment_id, due_date,
            attempt, amount, status, presented_on, reason_code)
        SELECT b.id, m.id, l.id, i.id, i.due_date, 1, {amount}, '{PRESENTED}', %s, ''
        FROM {T_MANDATE} m JOIN {T_LOAN} l ON l.id = m.loan_id
        JOIN {T_INST} i ON i.loan_id = l.id
        JOIN {T_BATCH} b ON b.adapter = m.adapter AND b.presented_on = %s
        WHERE {live} AND i.due_date = %s
        ON CONFLICT (loan_id, due_date, attempt) DO NOTHING""",
        [day, day, due],
    )
    # 3. Scheduled re-presentations: sent when still owed and the mandate still active,
    # dropped otherwise (the borrower paid another way, or the mandate was stopped).
    still_live = (
        f"SELECT 1 FROM {T_MANDATE} m JOIN {T_LOAN} l ON l.id = m.loan_id "
        f"JOIN {T_INST} i ON i.loan_id = l.id WHERE m.id = {T_PRES}.mandate_id "
        f"AND i.id = {T_PRES}.installment_id AND {live}"
    )
    represented = _exec(
        f"""UPDATE {T_PRES} SET status = '{PRESENTED}', presented_on = %s,
            batch_id = (SELECT b.id FROM {T_BATCH} b JOIN {T_MANDATE} m ON m.adapter = b.adapter
                        WHERE m.id = {T_PRES}.mandate_id AND b.presented_on = %s)
        WHERE status = '{SCHEDULED}' AND scheduled_on <= %s AND EXISTS ({still_live})""",
        [day, day, day],
    )
    skipped = _exec(
        f"""UPDATE {T_PRES} SET status = '{SKIPPED}'
        WHERE status = '{SCHEDULED}' AND scheduled_on <= %s AND NOT EXISTS ({still_live})""",
        [day],
    )
    # 4. The batches' totals, from their rows.
    _exec(
        f"""UPDATE {T_BATCH} SET
            count = (SELECT COUNT(*) FROM {T_PRES} p WHERE p.batch_id = {T_BATCH}.id),
            total = COALESCE((SELECT SUM(p.amount) FROM {T_PRES} p WHERE p.batch_id = {T_BATCH}.id), 0)
        WHERE presented_on = %s""",
        [day],
    )
    run = PresentationRun(day, due, presented, represented, skipped)
    audit_record(
        action="presentations.presented",
        target_type="presentation_batch",
        target_id=day.isoformat(),
        after={
            "presented_on": day,
            "due_date": due,
            "presented": presented,
            "represented": represented,
            "skipped": skipped,
        },
    )
    return run
