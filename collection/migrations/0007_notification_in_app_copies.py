"""Messages sent before the notification service have no in-app row, and the borrower's
messages page lists in-app rows: give each of them one (its email's texts, or its SMS's
when there was no email), dated as the message was."""

from django.db import migrations

BATCH = 500


def in_app_copies(apps, schema_editor):
    notification = apps.get_model("collection", "Notification")
    chosen: dict[str, tuple[int, bool]] = {}
    for pk, key, channel in (
        notification.objects.exclude(channel="in_app")
        .values_list("pk", "dedupe_key", "channel")
        .iterator()
    ):
        base, is_email = key.rsplit(":", 1)[0], channel == "email"
        if base not in chosen or (is_email and not chosen[base][1]):
            chosen[base] = (pk, is_email)
    ids = sorted(pk for pk, _ in chosen.values())
    for start in range(0, len(ids), BATCH):
        rows = notification.objects.filter(pk__in=ids[start : start + BATCH])
        copies = notification.objects.bulk_create(
            notification(
                borrower_id=row.borrower_id,
                loan_id=row.loan_id,
                installment_id=row.installment_id,
                promise_id=row.promise_id,
                kind=row.kind,
                channel="in_app",
                subject=row.subject,
                body=row.body,
                status="sent",
                not_before=row.not_before,
                sent_at=row.sent_at or row.created_at,
                error="",
                dedupe_key=f"{row.dedupe_key.rsplit(':', 1)[0]}:in_app",
            )
            for row in rows
        )
        created = {row.dedupe_key.rsplit(":", 1)[0]: row.created_at for row in rows}
        for copy in copies:
            copy.created_at = created[copy.dedupe_key.rsplit(":", 1)[0]]
        notification.objects.bulk_update(copies, ["created_at"], batch_size=BATCH)


def drop_in_app_rows(apps, schema_editor):
    apps.get_model("collection", "Notification").objects.filter(channel="in_app").delete()


class Migration(migrations.Migration):
    dependencies = [("collection", "0006_notification_notices")]

    operations = [migrations.RunPython(in_app_copies, drop_in_app_rows)]
