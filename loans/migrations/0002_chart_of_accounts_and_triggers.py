from django.db import migrations

TABLES = ("loans_journalentry", "loans_journalline")


def forwards(apps, schema_editor):
    from loans.ledger import chart_ensure

    chart_ensure(apps.get_model("loans", "LedgerAccount"))
    if schema_editor.connection.vendor == "postgresql":
        # lendingsite_append_only() comes from accounts/0003.
        for table in TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION lendingsite_append_only()"
            )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_append_only ON {table}")


class Migration(migrations.Migration):
    dependencies = [("loans", "0001_initial"), ("accounts", "0003_append_only_triggers")]
    operations = [migrations.RunPython(forwards, backwards)]
