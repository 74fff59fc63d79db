"""API keys for server-to-server callers (docs/integrators.md, docs/decisions.md).

A key is `lsk_<prefix>_<secret>`: the prefix (8 characters) is stored in clear so the key
can be found and shown; the whole key's SHA-256 is stored, never the key. A key is
random (256 bits), so a fast hash is safe here, unlike a password, and keeps every API
call cheap. Keys belong to service accounts: users without a usable password, who
therefore never sign in as a person (no session, no JWT) and hold one role.
"""

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from accounts.roles import ALL_ROLES
from accounts.services.users import user_set_roles
from integrations.models import ApiKey
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.errors import DomainError

KEY_PREFIX = "lsk_"
PREFIX_LEN = 8
# last_used_at is written at most this often per key: a write per call would make every
# read a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def key_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def key_split(key: str) -> str | None:
    """The prefix of a well-formed key, else None."""
    if not key.startswith(KEY_PREFIX):
        return None
    prefix, sep, rest = key[len(KEY_PREFIX) :].partition("_")
    if not sep or len(prefix) != PREFIX_LEN or not rest:
        return None
    return prefix


def is_service_account(user) -> bool:
    return bool(user.pk) and not user.has_usable_password() and not user.is_superuser


@refusals_audited("service_account.create_refused")
@transaction.atomic
def service_account_create(*, acting_user, email: str, full_name: str, role: str):
    if not acting_user.is_superuser:
        raise DomainError("permission_denied", "Only a superuser can create service accounts.")
    if role not in ALL_ROLES:
        message = f"Unknown role {role!r}."
        raise DomainError("validation_error", message, errors={"role": [message]})
    user_model = get_user_model()
    if user_model.objects.filter(email__iexact=email).exists():
        message = "A user with this email already exists."
        raise DomainError("validation_error", message, errors={"email": [message]})
    user = user_model.objects.create_user(
        email=email, password=None, full_name=full_name, email_verified_at=timezone.now()
    )
    user_set_roles(acting_user=acting_user, user=user, roles=[role])
    audit_record(
        action="service_account.created", actor=acting_user, target=user, after={"role": role}
    )
    return user


@refusals_audited("api_key.create_refused")
@transaction.atomic
def api_key_create(
    *, acting_user, user, name: str, expires_at: datetime | None = None
) -> tuple[ApiKey, str]:
    """Returns the key row and the key itself, which is shown this once."""
    if not acting_user.is_superuser:
        raise DomainError("permission_denied", "Only a superuser can create API keys.")
    if not is_service_account(user) or not user.is_active:
        message = (
            "API keys are for service accounts only (an active user without a password); "
            "create one first."
        )
        raise DomainError("validation_error", message, errors={"user": [message]})
    if expires_at is not None and expires_at <= timezone.now():
        message = "The expiry must be in the future."
        raise DomainError("validation_error", message, errors={"expires_at": [message]})
    while True:
        prefix = secrets.token_hex(PREFIX_LEN // 2)
        if not ApiKey.objects.filter(prefix=prefix).exists():
            break
    key = f"{KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    row = ApiKey.objects.create(
        user=user,
        name=name,
        prefix=prefix,
        hashed_key=key_hash(key),
        created_by=acting_user,
        expires_at=expires_at,
    )
    audit_record(
        action="api_key.created",
        actor=acting_user,
        target=row,
        after={"user": user.pk, "prefix": prefix, "name": name, "expires_at": expires_at},
    )
    return row, key


@refusals_audited("api_key.revoke_refused")
@transaction.atomic
def api_key_revoke(*, acting_user, api_key: ApiKey) -> ApiKey:
    api_key = ApiKey.objects.select_for_update().get(pk=api_key.pk)
    if api_key.revoked_at is not None:
        raise DomainError("invalid_state", "This key is already revoked.")
    api_key.revoked_at = timezone.now()
    api_key.revoked_by = acting_user
    api_key.save(update_fields=["revoked_at", "revoked_by"])
    audit_record(
        action="api_key.revoked",
        actor=acting_user,
        target=api_key,
        after={"prefix": api_key.prefix},
    )
    return api_key


def api_key_resolve(key: str, *, now: datetime | None = None) -> ApiKey | None:
    """The live key row for `key`, or None (unknown, malformed, expired, revoked, or its
    account disabled). Compares hashes in constant time."""
    prefix = key_split(key)
    if prefix is None:
        return None
    row = ApiKey.objects.select_related("user").filter(prefix=prefix).first()
    if row is None or not hmac.compare_digest(row.hashed_key, key_hash(key)):
        return None
    now = now or timezone.now()
    if row.revoked_at is not None or (row.expires_at is not None and row.expires_at <= now):
        return None
    if not row.user.is_active:
        return None
    if row.last_used_at is None or now - row.last_used_at >= LAST_USED_RESOLUTION:
        ApiKey.objects.filter(pk=row.pk).update(last_used_at=now)
        row.last_used_at = now
    return row
