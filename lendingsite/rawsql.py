"""Plain-SQL inserts, updates and selects built from the models' metadata, for the busiest
write paths (payment posting, its ledger entry and audit event): there the ORM's query
building and per-value conversions cost several times the statements themselves
(docs/payments.md, docs/benchmarks.md). Every name comes from `_meta`; every value is a
bound parameter.
"""

import functools
from collections.abc import Sequence
from contextlib import contextmanager
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter

from django.db import DEFAULT_DB_ALIAS, connections

CENT = Decimal("0.01")
# Values both drivers take as they are (Django registers Decimal and date adapters for
# sqlite3); anything else (datetimes above all) goes through the field's own preparation.
_AS_IS = (Decimal, int, str, type(None))


def db():
    """The default connection itself: the `connection` proxy looks it up on every
    attribute access."""
    return connections[DEFAULT_DB_ALIAS]


def prep(field, value, conn):
    if isinstance(value, _AS_IS) or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    return field.get_db_prep_save(value, conn)


def money(value) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value)).quantize(CENT)


def money_from_paise_sql(paise: str) -> str:
    """SQL for a whole, non-negative number of paise (the expression `paise`) as a money
    value, without binary floating point: NUMERIC arithmetic on PostgreSQL, and on SQLite
    the decimal text '123.45' built by integer division (what the ORM binds for a Decimal,
    so the column's affinity stores both the same way). No '%' in it, so it is valid in a
    statement with or without parameters."""
    if db().vendor == "postgresql":
        return f"(CAST({paise} AS NUMERIC) * 0.01)"
    whole = f"CAST({paise} AS INTEGER)"
    rupees = f"({whole} / 100)"
    return f"(CAST({rupees} AS TEXT) || '.' || SUBSTR('0' || ({whole} - {rupees} * 100), -2))"


def day(value) -> date | None:
    return date.fromisoformat(value) if isinstance(value, str) else value


@lru_cache(maxsize=64)
def _fields(model, names: tuple[str, ...]) -> tuple:
    return tuple(model._meta.get_field(name) for name in names)


@lru_cache(maxsize=64)
def _insert_sql(vendor: str, model, names: tuple[str, ...], count: int) -> str:
    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name
    columns = ", ".join(quote(f.column) for f in _fields(model, names))
    one = f"({', '.join(['%s'] * len(names))})"
    return (
        f"INSERT INTO {quote(model._meta.db_table)} ({columns}) VALUES {', '.join([one] * count)}"  # noqa: S608
    )


@lru_cache(maxsize=64)
def _update_sql(vendor: str, model, names: tuple[str, ...]) -> str:
    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name
    columns = ", ".join(f"{quote(f.column)} = %s" for f in _fields(model, names))
    table, pk = quote(model._meta.db_table), quote(model._meta.pk.column)
    return f"UPDATE {table} SET {columns} WHERE {pk} = %s"  # noqa: S608


@lru_cache(maxsize=64)
def _select_sql(vendor: str, model, names: tuple[str, ...], where: str, order: str, lock: bool):
    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name
    columns = ", ".join(quote(f.column) for f in _fields(model, names))
    tail = f" ORDER BY {order}" if order else ""
    tail += " FOR UPDATE" if lock else ""
    return f"SELECT {columns} FROM {quote(model._meta.db_table)} WHERE {where}{tail}"  # noqa: S608


def values_insert(
    model, names: tuple[str, ...], rows: list[Sequence], *, skip_conflicts: bool = False
) -> None:
    """INSERT rows of `names` in one multi-row statement (no instances, no ids back); with
    `skip_conflicts`, rows a unique constraint already holds are left out (ON CONFLICT DO
    NOTHING)."""
    if not rows:
        return
    conn = db()
    fields = _fields(model, names)
    params = [prep(f, v, conn) for values in rows for f, v in zip(fields, values, strict=True)]
    sql = _insert_sql(conn.vendor, model, names, len(rows))
    with conn.cursor() as cursor:
        cursor.execute(sql + " ON CONFLICT DO NOTHING" if skip_conflicts else sql, params)


def values_update(model, names: tuple[str, ...], rows: list[tuple[int, Sequence]]) -> None:
    """UPDATE `names` of each (primary key, values) (the ORM's bulk_update builds a CASE per
    field per row: several times the cost for the one or two rows a payment changes)."""
    if not rows:
        return
    conn = db()
    fields = _fields(model, names)
    sql = _update_sql(conn.vendor, model, names)
    params = [
        [prep(f, v, conn) for f, v in zip(fields, values, strict=True)] + [key]
        for key, values in rows
    ]
    with conn.cursor() as cursor:
        if len(params) == 1:
            cursor.execute(sql, params[0])
        else:
            cursor.executemany(sql, params)


def rows_select(
    model, names: tuple[str, ...], *, where: str, params: list, order: str = "", lock: bool = False
) -> list[tuple]:
    """SELECT `names` WHERE `where` (a fixed condition with %s placeholders), optionally
    locking the rows (where the database can)."""
    conn = db()
    lock = lock and conn.features.has_select_for_update
    with conn.cursor() as cursor:
        cursor.execute(_select_sql(conn.vendor, model, names, where, order, lock), params)
        return cursor.fetchall()


@lru_cache(maxsize=64)
def _instance_sql(vendor: str, model) -> tuple[str, tuple]:
    quote = db().ops.quote_name
    fields = tuple(f for f in model._meta.concrete_fields if not f.primary_key and not f.generated)
    sql = (
        f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(f.column) for f in fields)})"  # noqa: S608
        f" VALUES ({', '.join(['%s'] * len(fields))})"
    )
    return sql, fields


def instance_insert(instance) -> tuple[str, list]:
    """`INSERT INTO table (columns) VALUES (%s, ...)` for one model instance and its values
    (the fields' defaults and pre_save applied, as Model.save would)."""
    conn = db()
    sql, fields = _instance_sql(conn.vendor, type(instance))
    return sql, [prep(f, f.pre_save(instance, True), conn) for f in fields]


def _saved(instance, pk: int) -> int:
    instance.pk = pk
    instance._state.adding, instance._state.db = False, db().alias
    return pk


def insert_returning_id(instance, *, skip_conflicts: bool = False) -> int | None:
    """INSERT one model instance; with `skip_conflicts`, ON CONFLICT DO NOTHING and None
    back when a unique constraint already holds the values."""
    conn = db()
    sql, values = instance_insert(instance)
    sql += " ON CONFLICT DO NOTHING" if skip_conflicts else ""
    sql += f" RETURNING {conn.ops.quote_name(type(instance)._meta.pk.column)}"
    with conn.cursor() as cursor:
        cursor.execute(sql, values)
        row = cursor.fetchone()
    return None if row is None else _saved(instance, row[0])


def in_pipeline() -> bool:
    """Is the connection in libpq's pipeline mode (a `pipeline()` block)?"""
    conn = db()
    if conn.vendor != "postgresql" or conn.connection is None:
        return False
    from psycopg import pq

    return conn.connection.pgconn.pipeline_status != pq.PipelineStatus.OFF


def insert_instance(instance) -> int | None:
    """INSERT one model instance and set its id, except inside a `pipeline()` block: there
    the id is not read back (reading it would end the batch), and stays None."""
    if not in_pipeline():
        return insert_returning_id(instance)
    sql, values = instance_insert(instance)
    with db().cursor() as cursor:
        cursor.execute(sql, values)
    return None


@lru_cache(maxsize=64)
def _with_children_sql(model, child_model, fk: str, names: tuple[str, ...], count: int, sql: str):
    conn = db()
    quote = conn.ops.quote_name
    parent_pk = quote(model._meta.pk.column)
    # Casts, so that server-side binding knows each parameter's type inside VALUES.
    one = "(" + ", ".join(f"%s::{f.db_type(conn)}" for f in _fields(child_model, names)) + ")"
    columns = ", ".join(quote(f.column) for f in _fields(child_model, (fk, *names)))
    aliases = ", ".join(f"c{n}" for n in range(len(names)))
    return (
        f"WITH parent AS ({sql} RETURNING {parent_pk})"  # noqa: S608
        f" INSERT INTO {quote(child_model._meta.db_table)} ({columns})"
        f" SELECT parent.{parent_pk}, {aliases} FROM parent,"
        f" (VALUES {', '.join([one] * count)}) AS v({aliases})"
        f" RETURNING {quote(_fields(child_model, (fk,))[0].column)}"
    )


def insert_with_children(
    instance, child_model, fk: str, names: tuple[str, ...], rows
) -> int | None:
    """INSERT one instance and child rows pointing at it (`fk` = its id, then `names`): one
    statement on PostgreSQL (a data-modifying CTE), two elsewhere. Returns the new id (None
    inside a `pipeline()` block, as insert_instance)."""
    conn = db()
    if conn.vendor != "postgresql":
        pk = insert_returning_id(instance)
        values_insert(child_model, (fk, *names), [(pk, *row) for row in rows])
        return pk
    sql, values = instance_insert(instance)
    statement = _with_children_sql(type(instance), child_model, fk, names, len(rows), sql)
    fields = _fields(child_model, names)
    params = values + [prep(f, v, conn) for row in rows for f, v in zip(fields, row, strict=True)]
    with conn.cursor() as cursor:
        if in_pipeline():  # the id stays unread (see insert_instance)
            cursor.execute(statement, params)
            return None
        cursor.execute(statement, params)
        return _saved(instance, cursor.fetchone()[0])


def getter(names: tuple[str, ...]):
    """A C-speed `obj -> tuple of attributes` (operator.attrgetter, always a tuple)."""
    get = attrgetter(*names)
    return get if len(names) > 1 else (lambda obj: (get(obj),))


@contextmanager
def pipeline():
    """On PostgreSQL, psycopg's pipeline mode: statements whose results nobody reads are
    sent without waiting for the server, and the block ends with one round trip. A read
    inside the block waits as usual. Elsewhere, nothing."""
    conn = db()
    if conn.vendor != "postgresql":
        yield
        return
    conn.ensure_connection()
    with conn.connection.pipeline():
        yield


def pipelined(fn):
    """Run `fn` in a `pipeline()` block (put it under @transaction.atomic)."""

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        with pipeline():
            return fn(*args, **kwargs)

    return wrapper


@contextmanager
def values_inlined():
    """Statements in this block are sent with their values inlined (client-side binding,
    as with DB_PREPARED_STATEMENTS=false; PostgreSQL only): for set-based jobs whose few
    statements each touch thousands of rows. They are never prepared, so never given a
    generic plan made without the values (which loan-id range, which date), and the
    planner sees the same SQL the job was tuned with; parsing is nothing next to their run
    time."""
    conn = db()
    if conn.vendor != "postgresql":
        yield
        return
    import psycopg

    conn.ensure_connection()
    raw = conn.connection
    factory, raw.cursor_factory = raw.cursor_factory, psycopg.ClientCursor
    try:
        yield
    finally:
        raw.cursor_factory = factory


# Fragments for set-based INSERT … SELECT statements that build rows in SQL (the day-end's
# per-promise audit events and webhook events): the same values the ORM would write.


def json_object_sql(pairs: dict[str, str]) -> str:
    """A JSON object from SQL expressions (`pairs`: key -> expression; the keys are this
    code's own constants, spliced as literals): jsonb on PostgreSQL, JSON text on SQLite,
    what a JSONField column holds on each."""
    function = "jsonb_build_object" if db().vendor == "postgresql" else "json_object"
    for key in pairs:
        if not key.replace("_", "").isalnum():
            raise ValueError(f"JSON key {key!r} is not a plain name")
    items = ", ".join(f"'{key}', {value}" for key, value in pairs.items())
    return f"{function}({items})"


def money_text_sql(column: str) -> str:
    """A money column as the API writes it, text with two decimals: PostgreSQL's numeric(14,
    2) prints so; SQLite holds a binary float, turned into whole paise and written exactly."""
    if db().vendor == "postgresql":
        return f"CAST({column} AS TEXT)"
    return money_from_paise_sql(f"CAST(ROUND({column} * 100) AS INTEGER)")


def date_text_sql(column: str) -> str:
    """A date column as YYYY-MM-DD text (SQLite stores it so already)."""
    return f"to_char({column}, 'YYYY-MM-DD')" if db().vendor == "postgresql" else column


def random_hex_sql(prefix: str) -> str:
    """`prefix` and 32 random hex digits, as `prefix + uuid4().hex` (the prefix is a
    constant of this code)."""
    if not prefix.replace("_", "").isalnum():
        raise ValueError(f"prefix {prefix!r} is not a plain name")
    if db().vendor == "postgresql":
        return f"('{prefix}' || replace(CAST(gen_random_uuid() AS TEXT), '-', ''))"
    return f"('{prefix}' || lower(hex(randomblob(16))))"
