from django.db import migrations

TABLES = ("accounts_auditevent", "accounts_auditseal")

FUNCTION = """
CREATE OR REPLACE FUNCTION lendingsite_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'table % is append-only: % refused', TG_TABLE_NAME, TG_OP
        USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    # No TRUNCATE trigger: test isolation (flush) truncates, and TRUNCATE needs table
    # ownership, which the production role should not have (docs/operations.md).
    if schema_editor.connection.vendor != "postgresql":
        return  # SQLite (demo): the ORM guard in AppendOnlyModel is the only one
    schema_editor.execute(FUNCTION, params=None)
    for table in TABLES:
        schema_editor.execute(
            f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION lendingsite_append_only()"
        )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_roles")]
    operations = [migrations.RunPython(forwards, backwards)]
