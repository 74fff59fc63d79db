"""Set-based posting: one balanced entry per row of a SELECT, in two INSERT…SELECT
statements built from the models' metadata (the day-end's penal charges, the month-end
close), writing exactly what `journal_post` writes for the same inputs."""

from datetime import date, datetime

from lendingsite import rawsql
from loans.ledger.chart import _account_ids
from loans.models import JournalEntry, JournalLine


def entry_ids_sql(*, order_by: str) -> str:
    """SQL allocating one new journal-entry id per row of a set-based SELECT, for callers
    that must point their own rows at the entries before `journal_post_rows` writes them
    (a charge names its entry). PostgreSQL draws from the id's sequence; SQLite has one
    writer at a time, so the ids are simply the next ones above the largest, numbered in
    `order_by` order."""
    conn = rawsql.db()
    table, pk = JournalEntry._meta.db_table, JournalEntry._meta.pk.column
    if conn.vendor == "postgresql":
        return f"nextval(pg_get_serial_sequence('{table}', '{pk}'))"
    quote = conn.ops.quote_name
    return (
        f"(SELECT COALESCE(MAX({quote(pk)}), 0) FROM {quote(table)})"  # noqa: S608
        f" + ROW_NUMBER() OVER (ORDER BY {order_by})"
    )


def _rows_sql(rows: str, reference_sql: str) -> tuple[str, str]:
    conn = rawsql.db()
    quote = conn.ops.quote_name
    entry = ", ".join(
        quote(JournalEntry._meta.get_field(name).column)
        for name in (
            *("id", "entry_date", "kind", "loan", "memo", "reference"),
            *("created_by", "created_at"),
        )
    )
    line = ", ".join(
        quote(JournalLine._meta.get_field(name).column)
        for name in ("entry", "account", "loan", "debit", "credit")
    )
    amount = rawsql.money_from_paise_sql("amount_paise")
    entries = (
        f"INSERT INTO {quote(JournalEntry._meta.db_table)} ({entry})"  # noqa: S608
        " SELECT entry_id, %(ledger_date)s, %(ledger_kind)s, loan_id, %(ledger_memo)s,"
        f" SUBSTR({reference_sql}, 1, 64), %(ledger_user)s, %(ledger_now)s"
        f" FROM {rows} WHERE amount_paise > 0"
    )
    # Debit line before credit line within each entry, as journal_post writes them.
    lines = (
        f"INSERT INTO {quote(JournalLine._meta.db_table)} ({line})"  # noqa: S608
        f" SELECT entry_id, %(ledger_dr)s, loan_id, {amount}, 0 FROM {rows}"
        " WHERE amount_paise > 0"
        f" UNION ALL SELECT entry_id, %(ledger_cr)s, loan_id, 0, {amount} FROM {rows}"
        " WHERE amount_paise > 0"
    )
    return entries, lines


def journal_post_rows(
    cur,
    *,
    rows: str,
    entry_date: date,
    kind: str,
    debit: str,
    credit: str,
    now: datetime,
    memo: str = "",
    reference_sql: str = "''",
    params: dict | None = None,
    acting_user=None,
) -> int:
    """Post one balanced entry per row of `rows` (a table, or a parenthesised subquery
    with an alias) whose columns are `entry_id` (from `entry_ids_sql`), `loan_id` and
    `amount_paise` (a whole number of paise; rows of zero or less are skipped): the entry
    (kind, date, memo, reference = the SQL expression `reference_sql` over the row, with
    `params`) and its two lines, Dr `debit` / Cr `credit` of the amount, exactly what
    `journal_post` writes for the same inputs. Money stays in integer paise or NUMERIC
    (rawsql.money_from_paise_sql), never a float. Returns how many entries were posted."""
    conn = rawsql.db()
    ids = _account_ids({debit, credit})
    entries, lines = _rows_sql(rows, reference_sql)
    bound = {
        **(params or {}),
        "ledger_date": conn.ops.adapt_datefield_value(entry_date),
        "ledger_kind": kind,
        "ledger_memo": memo[:200],
        "ledger_user": acting_user.pk if getattr(acting_user, "pk", None) else None,
        "ledger_now": conn.ops.adapt_datetimefield_value(now),
        "ledger_dr": ids[debit],
        "ledger_cr": ids[credit],
    }
    cur.execute(entries, bound)
    posted = cur.rowcount
    cur.execute(lines, bound)
    return posted
