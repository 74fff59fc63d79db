"""Webhook endpoint secrets encrypted at rest (integrations.crypto): the columns are
widened for Fernet tokens, every stored secret is encrypted under the first key of
WEBHOOK_SECRET_KEYS, then the fields become EncryptedSecretField (no schema change)."""

from django.db import migrations, models

import integrations.crypto


def _is_token(value: str) -> bool:
    # A secret is `whsec_<base64>`; a Fernet token starts "gAAAA" (version byte 0x80).
    return value.startswith("gAAAA")


def encrypt_existing(apps, schema_editor):
    Endpoint = apps.get_model("integrations", "WebhookEndpoint")
    for endpoint in Endpoint.objects.only("secret", "previous_secret").iterator(chunk_size=500):
        changed = {}
        for name in ("secret", "previous_secret"):
            value = getattr(endpoint, name)
            if value and not _is_token(value):
                changed[name] = integrations.crypto.secret_encrypt(value)
        if changed:
            Endpoint.objects.filter(pk=endpoint.pk).update(**changed)


def decrypt_existing(apps, schema_editor):
    Endpoint = apps.get_model("integrations", "WebhookEndpoint")
    for endpoint in Endpoint.objects.only("secret", "previous_secret").iterator(chunk_size=500):
        changed = {
            name: integrations.crypto.secret_decrypt(getattr(endpoint, name))
            for name in ("secret", "previous_secret")
            if getattr(endpoint, name) and _is_token(getattr(endpoint, name))
        }
        if changed:
            Endpoint.objects.filter(pk=endpoint.pk).update(**changed)


class Migration(migrations.Migration):
    dependencies = [("integrations", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="webhookendpoint",
            name="secret",
            field=models.CharField(max_length=300),
        ),
        migrations.AlterField(
            model_name="webhookendpoint",
            name="previous_secret",
            field=models.CharField(blank=True, max_length=300),
        ),
        migrations.RunPython(encrypt_existing, decrypt_existing, elidable=False),
        migrations.AlterField(
            model_name="webhookendpoint",
            name="secret",
            field=integrations.crypto.EncryptedSecretField(max_length=300),
        ),
        migrations.AlterField(
            model_name="webhookendpoint",
            name="previous_secret",
            field=integrations.crypto.EncryptedSecretField(blank=True, max_length=300),
        ),
    ]
