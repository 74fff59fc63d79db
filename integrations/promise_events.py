"""`promise.kept` / `promise.broken` outbox rows, set-based: one INSERT … SELECT over the
promises of one settlement (collection.services.promise_trail finds them by its key).
The rows keep the outbox's rules (docs/webhooks.md): an `evt_` id of 32 random hex
digits, the settlement's business date, and per loan a `sequence` allocated after the
loan's row is locked, so it follows the order the changes to the loan committed in.
"""
# ruff: noqa: S608  (only constants and the models' table names are spliced)

from datetime import date
from uuid import UUID

from django.db import connection

from collection.services.promise_trail import (
    OUTCOME_ACTIONS,
    promise_json_sql,
    settled_promises_from_sql,
    settlement_param,
)
from integrations.models import WebhookEvent
from lendingsite.audit_actions import WEBHOOK_EVENT_TYPES
from lendingsite.rawsql import json_object_sql, random_hex_sql
from loans.models import Loan


def _loans_lock(cursor, params: dict) -> None:
    """Lock the settled promises' loans, in id order, before any sequence is taken: a
    payment on one of them either committed before (smaller sequence) or waits for this
    transaction (larger one). SQLite has one writer at a time already."""
    if connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    cursor.execute(
        f"SELECT l.id FROM {quote(Loan._meta.db_table)} l WHERE l.id IN"
        f" (SELECT c.loan_id FROM {settled_promises_from_sql()}) ORDER BY l.id FOR UPDATE",
        params,
    )


def promise_events_insert(*, key: UUID, business_date: date, now) -> int:
    """One outbox row per promise of settlement `key`, in (loan, promise) order; returns
    how many."""
    quote = connection.ops.quote_name
    fields = [
        "event_id",
        "type",
        "version",
        "loan_id",
        "business_date",
        "occurred_at",
        "data",
        "only_endpoint",
        "dispatched_at",
    ]
    columns = ", ".join(quote(WebhookEvent._meta.get_field(f).column) for f in fields)
    kept = next(s for s, a in OUTCOME_ACTIONS.items() if a == "promise.kept")
    sql = (
        f"INSERT INTO {quote(WebhookEvent._meta.db_table)} ({columns})"
        f" SELECT {random_hex_sql('evt_')},"
        " CASE WHEN p.status = %(kept)s THEN %(kept_type)s ELSE %(broken_type)s END,"
        " CASE WHEN p.status = %(kept)s THEN %(kept_version)s ELSE %(broken_version)s END,"
        f" c.loan_id, %(business_date)s, %(now)s, {json_object_sql({'promise': promise_json_sql()})},"
        f" NULL, NULL FROM {settled_promises_from_sql()} ORDER BY c.loan_id, p.id"
    )
    params = {
        "settlement": settlement_param(key),
        "kept": kept,
        "kept_type": "promise.kept",
        "broken_type": "promise.broken",
        "kept_version": WEBHOOK_EVENT_TYPES["promise.kept"],
        "broken_version": WEBHOOK_EVENT_TYPES["promise.broken"],
        "business_date": connection.ops.adapt_datefield_value(business_date),
        "now": connection.ops.adapt_datetimefield_value(now),
    }
    with connection.cursor() as cursor:
        _loans_lock(cursor, params)
        cursor.execute(sql, params)
        return cursor.rowcount
