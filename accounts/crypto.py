"""PII at rest: MultiFernet over a key list (first key encrypts, all keys decrypt), so a
key can be rotated by putting a new one first and re-encrypting (`rotate_pii_keys`).
Lookups use a keyed hash (HMAC-SHA256), never the ciphertext."""

import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings


@lru_cache(maxsize=8)
def _multifernet(keys: tuple[str, ...]) -> MultiFernet:
    return MultiFernet([Fernet(k.encode() if isinstance(k, str) else k) for k in keys])


def fernet() -> MultiFernet:
    return _multifernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(plaintext: str) -> str:
    return fernet().encrypt(plaintext.encode()).decode()


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken as exc:
        raise ValueError("PII ciphertext cannot be decrypted with any configured key") from exc


def rotate(token: str) -> str:
    """Re-encrypt under the first (newest) key."""
    return fernet().rotate(token.encode()).decode()


def keyed_hash(value: str) -> str:
    return hmac.new(settings.PII_HASH_KEY.encode(), value.encode(), hashlib.sha256).hexdigest()
