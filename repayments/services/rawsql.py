"""The few statements of the payment posting path, in plain SQL built from the models'
metadata. Posting is the busiest write in the system and the ORM's query building (and its
per-value conversions) cost several times the statements themselves (docs/payments.md,
docs/benchmarks.md). Every name comes from `_meta`; every value is a bound parameter.
"""

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from functools import lru_cache
from operator import attrgetter

from django.db import DEFAULT_DB_ALIAS, connections, models

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


def values_insert(model, names: tuple[str, ...], rows: list[Sequence]) -> None:
    """INSERT rows of `names` in one multi-row statement (no instances, no ids back)."""
    if not rows:
        return
    conn = db()
    fields = _fields(model, names)
    params = [prep(f, v, conn) for values in rows for f, v in zip(fields, values, strict=True)]
    with conn.cursor() as cursor:
        cursor.execute(_insert_sql(conn.vendor, model, names, len(rows)), params)


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


def insert_returning_id(instance, *, skip_conflicts: bool = False) -> int | None:
    """INSERT one model instance; with `skip_conflicts`, ON CONFLICT DO NOTHING and None
    back when a unique constraint already holds the values."""
    conn = db()
    meta, quote = type(instance)._meta, conn.ops.quote_name
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    values = [prep(f, f.pre_save(instance, True), conn) for f in fields]
    sql = (
        f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in fields)})"  # noqa: S608
        f" VALUES ({', '.join(['%s'] * len(fields))})"
        + (" ON CONFLICT DO NOTHING" if skip_conflicts else "")
        + f" RETURNING {quote(meta.pk.column)}"
    )
    with conn.cursor() as cursor:
        cursor.execute(sql, values)
        row = cursor.fetchone()
    if row is None:
        return None
    instance.pk = row[0]
    instance._state.adding, instance._state.db = False, conn.alias
    return row[0]


def getter(names: tuple[str, ...]):
    """A C-speed `obj -> tuple of attributes` (operator.attrgetter, always a tuple)."""
    get = attrgetter(*names)
    return get if len(names) > 1 else (lambda obj: (get(obj),))


# The loan columns posting needs; the rest load on first use (payment.loan.borrower, ...).
POST_FIELDS = (
    "id",
    "status",
    "principal",
    "annual_rate",
    "tenure",
    "interest_method",
    "amortization",
    "interest_period",
    "frequency",
    "installment_multiple",
    "rounding",
    "grace_on_principal",
    "allocation_strategy",
    "prepayment_strategy",
    "disbursed_on",
    "closed_on",
    "principal_outstanding",
    "dpd",
    "bucket",
)


def _from_driver(field, value):
    """A raw cursor's value as the ORM would give it (sqlite3 may return numbers and text)."""
    if value is None:
        return None
    if isinstance(field, models.DecimalField) and not isinstance(value, Decimal):
        return Decimal(str(value)).quantize(Decimal(1).scaleb(-field.decimal_places))
    if isinstance(field, models.DateField) and isinstance(value, str):
        return date.fromisoformat(value)
    return value


@lru_cache(maxsize=4)
def _post_read_sql(vendor: str) -> tuple[str, tuple]:
    from loans.models import Loan
    from repayments.models import Charge, Payment

    quote = db().ops.quote_name
    fields = tuple(Loan._meta.get_field(name) for name in POST_FIELDS)
    payments, charges = quote(Payment._meta.db_table), quote(Charge._meta.db_table)
    sql = (
        f"SELECT {', '.join(f'l.{quote(f.column)}' for f in fields)},"  # noqa: S608
        f" (SELECT MAX(p.paid_on) FROM {payments} p WHERE p.loan_id = l.id"
        f" AND p.status = %s),"
        f" (SELECT MAX(c.charged_on) FROM {charges} c WHERE c.loan_id = l.id)"
        f" FROM {quote(Loan._meta.db_table)} l WHERE l.id = %s"
    )
    return sql, fields


def loan_lock_for_post(loan):
    """Lock the loan row, then read it with the dates of its latest posted payment and
    latest charge (is the new payment the newest event?). Two statements on purpose: a
    statement that waited for the lock still sees other rows as they were before the
    poster it waited for committed."""
    from loans.models import Loan
    from repayments.models import PaymentStatus

    if not rows_select(Loan, ("id",), where="id = %s", params=[loan.pk], lock=True):
        raise Loan.DoesNotExist(f"Loan {loan.pk} does not exist")
    conn = db()
    sql, fields = _post_read_sql(conn.vendor)
    with conn.cursor() as cursor:
        cursor.execute(sql, [PaymentStatus.POSTED.value, loan.pk])
        row = cursor.fetchone()
    values = [_from_driver(f, v) for f, v in zip(fields, row, strict=False)]
    locked = Loan.from_db(conn.alias, POST_FIELDS, values)
    locked.last_paid_on = day(row[-2])
    locked.last_charged_on = day(row[-1])
    return locked
