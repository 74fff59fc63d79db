"""Endpoint secrets at rest: Fernet tokens under WEBHOOK_SECRET_KEYS (never the secret),
key rotation, the data migration of stored secrets, signing unchanged, and the system
check that keeps production from starting without its keys."""

import importlib

import pytest
from cryptography.fernet import Fernet
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from standardwebhooks.webhooks import Webhook

from integrations import checks, crypto
from integrations.models import DeliveryStatus, WebhookEndpoint
from integrations.services.deliveries import delivery_attempt
from integrations.services.endpoints import (
    webhook_endpoint_create,
    webhook_endpoint_secret_rotate,
    webhook_secret_keys_rotate,
)
from integrations.tests.test_delivery import _one_delivery, _verify

pytestmark = pytest.mark.django_db

OLD, NEW = Fernet.generate_key().decode(), Fernet.generate_key().decode()


def stored(endpoint_id: int) -> tuple[str, str]:
    """What the columns hold, read past the model."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT secret, previous_secret FROM integrations_webhookendpoint WHERE id = %s",
            [endpoint_id],
        )
        return cursor.fetchone()


def test_the_column_never_holds_the_secret(admin_user, receiver):
    endpoint = webhook_endpoint_create(acting_user=admin_user, url=receiver.url, event_types=[])
    first = endpoint.secret
    assert first.startswith("whsec_")
    column, previous = stored(endpoint.pk)
    assert first not in column and first[6:] not in column and previous == ""
    assert crypto.secret_decrypt(column) == first
    assert WebhookEndpoint.objects.get(pk=endpoint.pk).secret == first

    endpoint = webhook_endpoint_secret_rotate(acting_user=admin_user, endpoint=endpoint)
    column, previous = stored(endpoint.pk)
    for secret in (first, endpoint.secret):
        assert secret not in column and secret not in previous
    assert crypto.secret_decrypt(previous) == first
    assert crypto.secret_decrypt(column) == endpoint.secret


def test_signing_with_the_stored_secret_still_verifies(admin_user, receiver):
    created = webhook_endpoint_create(acting_user=admin_user, url=receiver.url, event_types=[])
    shown_once = created.secret
    endpoint = WebhookEndpoint.objects.get(pk=created.pk)  # decrypted from the column
    delivery = _one_delivery(endpoint)
    assert delivery_attempt(delivery_id=delivery.pk) == DeliveryStatus.SUCCEEDED
    (request,) = receiver.requests
    assert _verify(shown_once, request)["id"] == delivery.event.event_id
    assert Webhook(shown_once).verify(request["body"], request["headers"])


def test_rotating_the_encryption_key(settings, admin_user, receiver):
    settings.WEBHOOK_SECRET_KEYS = [OLD]
    endpoint = webhook_endpoint_create(acting_user=admin_user, url=receiver.url, event_types=[])
    secret = endpoint.secret
    endpoint = webhook_endpoint_secret_rotate(acting_user=admin_user, endpoint=endpoint)
    current, previous = endpoint.secret, secret

    settings.WEBHOOK_SECRET_KEYS = [NEW, OLD]  # the new key first; the old still reads
    assert WebhookEndpoint.objects.get(pk=endpoint.pk).secret == current
    assert webhook_secret_keys_rotate(acting_user=admin_user) == 1

    settings.WEBHOOK_SECRET_KEYS = [NEW]  # the old key dropped
    reread = WebhookEndpoint.objects.get(pk=endpoint.pk)
    assert (reread.secret, reread.previous_secret) == (current, previous)
    column, old_column = stored(endpoint.pk)
    assert Fernet(NEW.encode()).decrypt(column.encode()).decode() == current
    assert Fernet(NEW.encode()).decrypt(old_column.encode()).decode() == previous

    settings.WEBHOOK_SECRET_KEYS = [OLD]  # and the old key alone no longer reads it
    with pytest.raises(crypto.SecretKeyError):
        WebhookEndpoint.objects.get(pk=endpoint.pk)


def test_the_data_migration_encrypts_stored_secrets(admin_user, receiver):
    endpoint = webhook_endpoint_create(acting_user=admin_user, url=receiver.url, event_types=[])
    plain = "whsec_" + "A" * 43 + "="
    with connection.cursor() as cursor:  # as 0001 left them: in clear
        cursor.execute(
            "UPDATE integrations_webhookendpoint SET secret = %s, previous_secret = ''"
            " WHERE id = %s",
            [plain, endpoint.pk],
        )
    migration = importlib.import_module("integrations.migrations.0002_encrypt_webhook_secrets")
    state = MigrationLoader(connection).project_state(("integrations", "0001_initial"))

    migration.encrypt_existing(state.apps, None)
    migration.encrypt_existing(state.apps, None)  # again: already encrypted, left alone

    column, previous = stored(endpoint.pk)
    assert plain not in column and previous == ""
    assert WebhookEndpoint.objects.get(pk=endpoint.pk).secret == plain
    migration.decrypt_existing(state.apps, None)  # the way back
    assert stored(endpoint.pk)[0] == plain


@pytest.mark.parametrize(
    ("keys", "code"),
    [
        ([], "integrations.E001"),
        (["not-a-key"], "integrations.E003"),
        ([NEW], None),
    ],
)
def test_production_does_not_start_without_its_keys(settings, keys, code):
    settings.PRODUCTION = True
    settings.WEBHOOK_SECRET_KEYS = keys
    errors = checks.webhook_secret_keys_check()
    assert [e.id for e in errors] == ([code] if code else [])


def test_production_refuses_the_development_key(settings):
    settings.PRODUCTION = True
    settings.WEBHOOK_SECRET_KEYS = [NEW, settings.DEV_WEBHOOK_SECRET_KEY]
    assert [e.id for e in checks.webhook_secret_keys_check()] == ["integrations.E002"]
    settings.PRODUCTION = False
    assert checks.webhook_secret_keys_check() == []
