"""Loads the shipped sample of real bank branches (accounts/data/ifsc_branches.csv) so an
IFSC can be checked out of the box; `manage.py import_ifsc` loads RBI's full list."""

from pathlib import Path

from django.db import migrations

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "ifsc_branches.csv"


def load(apps, schema_editor):
    from accounts.services.bank_directory import ifsc_rows_parse

    branch = apps.get_model("accounts", "BankBranch")
    with SAMPLE.open(newline="", encoding="utf-8") as lines:
        rows = [branch(**row.__dict__) for row in ifsc_rows_parse(lines)]
    branch.objects.bulk_create(rows, ignore_conflicts=True)


def unload(apps, schema_editor):
    from accounts.services.bank_directory import ifsc_rows_parse

    branch = apps.get_model("accounts", "BankBranch")
    with SAMPLE.open(newline="", encoding="utf-8") as lines:
        codes = [row.ifsc for row in ifsc_rows_parse(lines)]
    branch.objects.filter(ifsc__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0006_bank_accounts")]

    operations = [migrations.RunPython(load, unload)]
