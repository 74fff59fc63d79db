"""Webhook signing secrets at rest: Fernet ciphertext under settings.WEBHOOK_SECRET_KEYS
(MultiFernet: the first key encrypts, every key decrypts), so the database and its backups
never hold a secret a partner's receiver trusts. Rotating the key: put a new key first,
run `manage.py rotate_webhook_secret_keys` (re-encrypts every secret under it), then drop
the old key. Signing needs the secret itself, so it is encrypted, not hashed.

Keys of their own, not the PII keys (accounts.crypto): rolling one set does not force
re-encrypting the other, and a leak of one does not open the other.
"""

from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.db import models


class SecretKeyError(ValueError):
    pass


@lru_cache(maxsize=8)
def _multifernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise SecretKeyError("WEBHOOK_SECRET_KEYS is empty: webhook secrets cannot be read")
    return MultiFernet([Fernet(k.encode() if isinstance(k, str) else k) for k in keys])


def fernet() -> MultiFernet:
    return _multifernet(tuple(settings.WEBHOOK_SECRET_KEYS))


def secret_encrypt(plaintext: str) -> str:
    return fernet().encrypt(plaintext.encode()).decode()


def secret_decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise SecretKeyError(
            "A webhook secret cannot be decrypted with any key of WEBHOOK_SECRET_KEYS"
        ) from exc


def secret_rotate(token: str) -> str:
    """The same secret, encrypted under the first (newest) key."""
    return fernet().rotate(token.encode()).decode()


class EncryptedSecretField(models.CharField):
    """Stores the Fernet token; Python sees the secret. Blank stays blank (no previous
    secret). Not filterable by value (a token is different every time)."""

    def from_db_value(self, value, expression, connection):
        if value is None or value == "":
            return value
        return secret_decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value is None or value == "":
            return value
        return secret_encrypt(str(value))
