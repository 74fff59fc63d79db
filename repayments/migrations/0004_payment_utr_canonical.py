"""Payment.utr_canonical: the UTR in canonical form, unique (issue 12, docs/payments.md).

Existing rows get the canonical form of their UTR. Rows whose UTRs differ only in case,
blanks or compatibility forms ("abc123", "ABC 123", full-width letters) are NOT merged and none is
changed: the oldest keeps the canonical key, each later one gets "<key> #<id>" (a blank no
canonical UTR contains), an audit event `payment.utr_conflict_found` per group records them
for an operator, and the list is printed. `manage.py utr_duplicates` lists them at any time;
docs/operations.md says what to do with them.
"""

import unicodedata

from django.db import migrations, models


def _canonical(utr: str) -> str:
    # A frozen copy of lendingsite.utr.utr_canonical without its refusals: a stored UTR
    # that would be refused today still needs a key.
    return "".join(unicodedata.normalize("NFKC", utr or "").split()).upper()


def fill_canonical(apps, schema_editor):
    Payment = apps.get_model("repayments", "Payment")
    AuditEvent = apps.get_model("accounts", "AuditEvent")
    groups: dict[str, list] = {}
    rows = Payment.objects.order_by("id").values_list("id", "utr", "loan_id", "amount", "paid_on")
    for row in rows.iterator(chunk_size=5000):
        groups.setdefault(_canonical(row[1]), []).append(row)

    updates = []
    clashes = []
    for key, members in groups.items():
        for position, (payment_id, *_rest) in enumerate(members):
            value = key if position == 0 else f"{key} #{payment_id}"
            updates.append(Payment(pk=payment_id, utr_canonical=value))
        if len(members) > 1:
            clashes.append((key, members))
    Payment.objects.bulk_update(updates, ["utr_canonical"], batch_size=2000)

    for key, members in clashes:
        AuditEvent.objects.create(
            action="payment.utr_conflict_found",
            outcome="success",
            target_type="repayments.payment",
            target_id=str(members[0][0]),
            after={
                "canonical_utr": key,
                "payments": [
                    {
                        "id": pid,
                        "utr": utr,
                        "loan": loan_id,
                        "amount": str(amount),
                        "paid_on": paid_on.isoformat(),
                    }
                    for pid, utr, loan_id, amount, paid_on in members
                ],
            },
        )
    if clashes:
        print(  # noqa: T201 - the operator running migrate must see this
            f"\n  {len(clashes)} UTR(s) were posted more than once in different case or "
            "spacing; nothing was merged. Review them with `manage.py utr_duplicates` "
            "(docs/operations.md, 'UTR canonical form'):"
        )
        for key, members in clashes:
            ids = ", ".join(f"payment {m[0]} ({m[1]!r}, loan {m[2]})" for m in members)
            print(f"    {key}: {ids}")  # noqa: T201


class Migration(migrations.Migration):
    dependencies = [
        ("repayments", "0003_charge_reversal_and_waivers"),
        ("accounts", "0005_privacy"),
    ]

    operations = [
        migrations.AddField(
            model_name="payment",
            name="utr_canonical",
            field=models.CharField(max_length=80, null=True, editable=False),
        ),
        migrations.RunPython(fill_canonical, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="payment",
            name="utr_canonical",
            field=models.CharField(max_length=80, unique=True, editable=False),
        ),
    ]
