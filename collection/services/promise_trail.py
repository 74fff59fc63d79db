"""The per-promise record of a settlement (collection.services.desk.promises_settle): one
audit event per promise it kept or broke, written with one INSERT … SELECT per outcome
whatever the number of promises (the day-end stays set-based). The rows are found by the
settlement's key (PromiseToPay.settlement_key), set by the same UPDATEs that settled them,
so a second settlement on the same date never re-reports the first one's promises.
"""

from datetime import date
from uuid import UUID

from django.db import connection

from collection.models import CollectionCase, PromiseStatus, PromiseToPay
from lendingsite.audit import audit_record_select
from lendingsite.rawsql import date_text_sql, json_object_sql, money_text_sql

OUTCOME_ACTIONS = {
    PromiseStatus.KEPT.value: "promise.kept",
    PromiseStatus.BROKEN.value: "promise.broken",
}


def settled_promises_from_sql() -> str:
    """`table p JOIN case c … WHERE` the promises of settlement %(settlement)s (aliases p,
    c: the caller's expressions use them)."""
    quote = connection.ops.quote_name
    promises = quote(PromiseToPay._meta.db_table)
    cases = quote(CollectionCase._meta.db_table)
    return (
        f"{promises} p JOIN {cases} c ON c.id = p.case_id WHERE p.settlement_key = %(settlement)s"
    )


def settlement_param(key: UUID):
    """The key as the column holds it (uuid on PostgreSQL, 32 hex characters on SQLite)."""
    field = PromiseToPay._meta.get_field("settlement_key")
    return field.get_db_prep_value(key, connection)


def promise_json_sql() -> str:
    """The promise as the webhooks and the audit trail show it (docs/webhooks.md)."""
    return json_object_sql(
        {
            "id": "p.id",
            "case": "p.case_id",
            "loan": "c.loan_id",
            "amount": money_text_sql("p.amount"),
            "promised_on": date_text_sql("p.promised_on"),
            "status": "p.status",
            "settled_on": date_text_sql("p.settled_on"),
        }
    )


def promises_audit_write(*, key: UUID, business_date: date) -> dict[str, int]:
    """promise.kept / promise.broken, target the promise, for each promise of the
    settlement; returns how many of each were written."""
    after = json_object_sql(
        {
            "business_date": "CAST(%(business_date)s AS TEXT)",
            "settlement": "CAST(%(settlement_text)s AS TEXT)",
            "promise": promise_json_sql(),
        }
    )
    written = {}
    for status, action in OUTCOME_ACTIONS.items():
        written[action] = audit_record_select(
            action=action,
            target_type=PromiseToPay._meta.label_lower,
            target_id_sql="p.id",
            after_sql=after,
            from_sql=f"{settled_promises_from_sql()} AND p.status = %(promise_status)s"
            " ORDER BY c.loan_id, p.id",
            params={
                "settlement": settlement_param(key),
                "settlement_text": str(key),
                "business_date": business_date.isoformat(),
                "promise_status": status,
            },
        )
    return written
