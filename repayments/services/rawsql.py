"""The posting path's own statements: the loan's lock and read, the installments' lock
and read with the dates of the loan's latest payment and charge. The generic plain-SQL
helpers are in lendingsite.rawsql."""

from datetime import date
from decimal import Decimal
from functools import lru_cache

from django.db import models

from lendingsite.rawsql import day, db
from loans.models.terms import LOAN_TERM_FIELDS

# The loan columns posting needs; the rest load on first use (payment.loan.borrower, ...).
POST_FIELDS = (
    "id",
    "borrower_id",  # whom the receipt is for (collection.notices), without another read
    "status",
    "principal",
    "annual_rate",
    "tenure",
    *LOAN_TERM_FIELDS,
    "disbursed_on",
    "closed_on",
    "principal_outstanding",
    "dpd",
    "bucket",
    "reschedule_count",  # a rescheduled loan replays from its latest base (loan_terms)
    "under_settlement",  # payments count towards a settlement in force
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
def _post_lock_sql(vendor: str) -> tuple[str, tuple]:
    from loans.models import Loan

    conn = db()
    quote = conn.ops.quote_name
    # In the model's field order: Model.from_db takes a subset of values in that order.
    fields = tuple(f for f in Loan._meta.concrete_fields if {f.name, f.attname} & {*POST_FIELDS})
    sql = (
        f"SELECT {', '.join(quote(f.column) for f in fields)}"  # noqa: S608
        f" FROM {quote(Loan._meta.db_table)} WHERE id = %s"
        + (" FOR UPDATE" if conn.features.has_select_for_update else "")
    )
    return sql, fields


def loan_lock_for_post(loan):
    """Lock the loan row and read the columns posting needs, in one statement: a SELECT
    ... FOR UPDATE that waited for the lock returns the row as the poster it waited for
    left it."""
    from loans.models import Loan

    conn = db()
    sql, fields = _post_lock_sql(conn.vendor)
    with conn.cursor() as cursor:
        cursor.execute(sql, [loan.pk])
        row = cursor.fetchone()
    if row is None:
        raise Loan.DoesNotExist(f"Loan {loan.pk} does not exist")
    values = [_from_driver(f, v) for f, v in zip(fields, row, strict=True)]
    return Loan.from_db(conn.alias, [f.attname for f in fields], values)


@lru_cache(maxsize=4)
def _installments_post_sql(vendor: str, names: tuple[str, ...]) -> str:
    from loans.models import Installment
    from repayments.models import Charge, Payment

    conn = db()
    quote = conn.ops.quote_name
    columns = ", ".join(f"i.{quote(Installment._meta.get_field(n).column)}" for n in names)
    payments, charges = quote(Payment._meta.db_table), quote(Charge._meta.db_table)
    return (
        f"SELECT {columns},"  # noqa: S608
        f" (SELECT MAX(p.paid_on) FROM {payments} p WHERE p.loan_id = %s AND p.status = %s),"
        f" (SELECT MAX(c.charged_on) FROM {charges} c WHERE c.loan_id = %s)"
        f" FROM {quote(Installment._meta.db_table)} i WHERE i.loan_id = %s ORDER BY i.number"
        + (" FOR UPDATE OF i" if conn.features.has_select_for_update else "")
    )


def installments_lock_for_post(
    loan_id: int, names: tuple[str, ...]
) -> tuple[list[tuple], date | None, date | None]:
    """The loan's installments (`names`, by number), locked, and the dates of its latest
    posted payment and latest charge (is the new payment the newest event?). Call after
    loan_lock_for_post: this statement starts after the loan's lock was granted, so it sees
    every payment committed before; the statement that waited for the lock would not."""
    from repayments.models import PaymentStatus

    conn = db()
    with conn.cursor() as cursor:
        cursor.execute(
            _installments_post_sql(conn.vendor, names),
            [loan_id, PaymentStatus.POSTED.value, loan_id, loan_id],
        )
        rows = cursor.fetchall()
    if not rows:
        return [], None, None
    return [row[:-2] for row in rows], day(rows[0][-2]), day(rows[0][-1])
