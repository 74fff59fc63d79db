"""installment_unpaid_loan_due (0002) gives way to loans' installment_unpaid_cover: the same
rows (an installment with something owed), by the same (loan_id, due_date), but carrying
the owed amount, the penal due and the id, so the day-end finds its overdue installments
with one index-only scan instead of an index-only scan plus a probe and a row fetch per
installment (docs/collections.md, docs/benchmarks.md). One such index, not two: every
payment updates the index entries of the installments it pays."""

from django.db import migrations

OLD_UNPAID = (
    "principal_paid < principal_due OR interest_paid < interest_due"
    " OR penal_paid < penal_due OR fees_paid < fees_due"
)


class Migration(migrations.Migration):
    dependencies = [
        ("collection", "0003_case_dpd_bucket_from_loan"),
        ("loans", "0004_installment_owed_unpaid_cover"),
    ]

    operations = [
        migrations.RunSQL(
            sql="DROP INDEX IF EXISTS installment_unpaid_loan_due",
            reverse_sql=(
                "CREATE INDEX installment_unpaid_loan_due ON loans_installment "
                f"(loan_id, due_date) WHERE {OLD_UNPAID}"
            ),
        ),
    ]
