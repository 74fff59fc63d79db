"""What the day-end's set-based SQL needs from the database (collection.dayend.sql).

installment_unpaid_loan_due: only the installments not fully paid, by (loan_id, due_date).
The day-end looks, per loan-id range, for unpaid installments due on or before the business
date; paid installments (most of a healthy book's past) are not in the index at all, so the
scan touches future and overdue rows only, and finds the (loan, due date) pairs by an
index-only scan. The predicate is written exactly as collection.dayend.sql.UNPAID so that
PostgreSQL can match it (bench/day_end.py checks the plan). SQLite has partial indexes too.

PostgreSQL only, storage settings for a nightly job that rewrites a slice of three tables:
- loans_loan and collection_collectioncase keep free room in each page (fillfactor), so the
  nightly DPD/bucket/overdue updates, which change no indexed column, are HOT updates: no
  new entry in any of their indexes. New pages honour it at once; existing rows move as they
  are updated (or at once with pg_repack, docs/collections.md).
- loans_installment is vacuumed after 1% of it changed rather than 20%, so its visibility
  map stays current and the index-only scan above stays index-only.
"""

from django.db import migrations

UNPAID = (
    "principal_paid < principal_due OR interest_paid < interest_due"
    " OR penal_paid < penal_due OR fees_paid < fees_due"
)
STORAGE = [
    ("loans_loan", "fillfactor = 85", "fillfactor"),
    ("collection_collectioncase", "fillfactor = 70", "fillfactor"),
    (
        "loans_installment",
        "autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.02",
        "autovacuum_vacuum_scale_factor, autovacuum_analyze_scale_factor",
    ),
]


def storage_set(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table, settings, _ in STORAGE:
            schema_editor.execute(f"ALTER TABLE {table} SET ({settings})")


def storage_reset(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table, _, names in STORAGE:
            schema_editor.execute(f"ALTER TABLE {table} RESET ({names})")


class Migration(migrations.Migration):
    dependencies = [("collection", "0001_initial"), ("loans", "0003_loan_notes")]

    operations = [
        migrations.RunSQL(
            sql=(
                "CREATE INDEX installment_unpaid_loan_due ON loans_installment "
                f"(loan_id, due_date) WHERE {UNPAID}"
            ),
            reverse_sql="DROP INDEX installment_unpaid_loan_due",
        ),
        migrations.RunPython(storage_set, storage_reset),
    ]
