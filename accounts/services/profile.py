"""Borrower profile writes and PII key rotation.

The profile rules live in `profile_fields_clean`; the services call it and the officer
console's form calls it too (to show the same refusal as a form error before saving).
"""

from datetime import date
from decimal import Decimal, InvalidOperation

from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from accounts import crypto
from accounts.duties import borrower_capacity_check
from accounts.fields import EncryptedTextField
from accounts.models import BorrowerProfile, EmploymentType, KycDocType, KycStatus, User
from accounts.selectors import mask_date, mask_pan, mask_phone
from accounts.validators import normalize_pan, normalize_phone, validate_pan, validate_phone
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.errors import DomainError

EDITABLE_FIELDS = (
    "full_name",
    "phone",
    "date_of_birth",
    "pan",
    "address",
    "employment_type",
    "employer",
    "monthly_income",
)
PAN_TAKEN = "This PAN is already registered."
MIN_AGE, MAX_AGE = 18, 100
_AUDIT_MASKS = {"pan": mask_pan, "phone": mask_phone, "date_of_birth": mask_date}


def _text(limit: int, *, required: bool = False):
    def clean(value, today):
        value = str(value or "").strip()
        if required and not value:
            raise ValidationError("This field is required.")
        if len(value) > limit:
            raise ValidationError(f"Use at most {limit} characters.")
        return value

    return clean


def _pan(value, today):
    value = normalize_pan(str(value or "")).replace(" ", "")
    if value:
        validate_pan(value)
    return value


def _phone(value, today):
    value = str(value or "").strip()
    if not value:
        return ""
    validate_phone(value)
    return normalize_phone(value)


def _date_of_birth(value, today):
    if value in (None, ""):
        return None
    if not isinstance(value, date):
        try:
            value = date.fromisoformat(str(value))
        except ValueError:
            raise ValidationError("Enter a date as YYYY-MM-DD.") from None
    if value >= today:
        raise ValidationError("Date of birth must be in the past.")
    age = today.year - value.year - ((today.month, today.day) < (value.month, value.day))
    if age < MIN_AGE:
        raise ValidationError(f"Borrowers must be at least {MIN_AGE} years old.")
    if age > MAX_AGE:
        raise ValidationError("Check the year of birth; it is more than 100 years ago.")
    return value


def _money(value, today):
    if value in (None, ""):
        return None
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise ValidationError("Enter an amount in rupees, like 85000.00.") from None
    if amount < 0:
        raise ValidationError("Monthly income can't be negative.")
    if amount >= Decimal("1e12"):
        raise ValidationError("That amount is too large.")
    return amount


def _employment_type(value, today):
    value = str(value or "").strip()
    if value and value not in EmploymentType.values:
        raise ValidationError(f"Choose one of: {', '.join(EmploymentType.values)}.")
    return value


_CLEANERS = {
    "full_name": _text(150, required=True),
    "phone": _phone,
    "date_of_birth": _date_of_birth,
    "pan": _pan,
    "address": _text(1000),
    "employment_type": _employment_type,
    "employer": _text(150),
    "monthly_income": _money,
}


def profile_fields_clean(*, profile: BorrowerProfile | None, fields: dict) -> dict:
    """Normalised values, or DomainError("validation_error") naming every bad field."""
    today = timezone.localdate()
    errors: dict[str, list[str]] = {}
    cleaned = {}
    for name, value in fields.items():
        if name not in _CLEANERS:
            errors[name] = ["This field can't be changed here."]
            continue
        try:
            cleaned[name] = _CLEANERS[name](value, today)
        except ValidationError as exc:
            errors[name] = list(exc.messages)
    if cleaned.get("pan") and "pan" not in errors:
        taken = BorrowerProfile.objects.filter(pan_hash=crypto.keyed_hash(cleaned["pan"]))
        if profile is not None and profile.pk:
            taken = taken.exclude(pk=profile.pk)
        if taken.exists():
            errors["pan"] = [PAN_TAKEN]
    if errors:
        field, messages = next(iter(errors.items()))
        raise DomainError(
            "validation_error", f"Check the profile: {field}: {messages[0]}", errors=errors
        )
    return cleaned


def _audit_view(profile: BorrowerProfile, names) -> dict:
    # PII goes into the audit trail masked: the trail shows that it changed, not what to.
    return {n: _AUDIT_MASKS.get(n, lambda v: v)(getattr(profile, n)) for n in sorted(names)}


def _save(profile: BorrowerProfile, **kwargs) -> None:
    try:
        with transaction.atomic():
            profile.save(**kwargs)
    except IntegrityError as exc:
        # Two saves raced past the pre-check; the unique pan_hash caught the second.
        if "pan_hash" in str(exc):
            raise DomainError("validation_error", PAN_TAKEN, errors={"pan": [PAN_TAKEN]}) from None
        raise


def _may_edit(acting_user: User, owner_id: int, permission: str) -> bool:
    return acting_user.pk == owner_id or acting_user.has_perm(permission)


@refusals_audited("profile.create_refused")
@transaction.atomic
def borrower_profile_create(*, acting_user: User, user: User, **fields) -> BorrowerProfile:
    if not _may_edit(acting_user, user.pk, "accounts.add_borrowerprofile"):
        raise DomainError("permission_denied", "You can only create your own borrower profile.")
    borrower_capacity_check(user=user, acting_user=acting_user)
    if BorrowerProfile.objects.filter(user=user).exists():
        raise DomainError("duplicate", f"{user.email} already has a borrower profile.")
    fields.setdefault("full_name", user.full_name)
    cleaned = profile_fields_clean(profile=None, fields=fields)
    profile = BorrowerProfile(user=user, **cleaned)
    _save(profile)
    audit_record(
        action="profile.created",
        actor=acting_user,
        target=profile,
        after=_audit_view(profile, cleaned),
    )
    return profile


@refusals_audited("profile.update_refused")
@transaction.atomic
def borrower_profile_update(
    *, acting_user: User, profile: BorrowerProfile, **fields
) -> BorrowerProfile:
    """Change profile fields (the borrower, or an officer with change_borrowerprofile).
    Returns the saved profile; a call that changes nothing writes nothing."""
    profile = BorrowerProfile.objects.select_for_update().get(pk=profile.pk)
    if not _may_edit(acting_user, profile.user_id, "accounts.change_borrowerprofile"):
        raise DomainError("permission_denied", "You can only change your own profile.")
    borrower_capacity_check(user=profile.user, acting_user=acting_user)
    cleaned = profile_fields_clean(profile=profile, fields=fields)
    changed = {k: v for k, v in cleaned.items() if getattr(profile, k) != v}
    if not changed:
        return profile
    if "pan" in changed and profile.pan:
        pan_verified = profile.documents.filter(
            doc_type=KycDocType.PAN_CARD, status=KycStatus.VERIFIED
        ).exists()
        if pan_verified:
            raise DomainError(
                "invalid_state",
                "The PAN can't be changed after the PAN card has been verified.",
                errors={"pan": ["Already verified."]},
            )
    before = _audit_view(profile, changed)
    for name, value in changed.items():
        setattr(profile, name, value)
    update_fields = [*changed, "updated_at"] + (["pan_hash"] if "pan" in changed else [])
    _save(profile, update_fields=update_fields)
    audit_record(
        action="profile.updated",
        actor=acting_user,
        target=profile,
        before=before,
        after=_audit_view(profile, changed),
    )
    return profile


# --- PII key rotation -----------------------------------------------------------------


def _encrypted_models():
    for model in apps.get_models():
        fields = [f for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]
        if fields:
            yield model, fields


def _under_primary_key(primary: Fernet, token: str) -> bool:
    try:
        primary.decrypt(token.encode())
    except InvalidToken:
        return False
    return True


def _rotate_chunk(model, fields, primary: Fernet, after_pk, chunk_size: int, totals: dict):
    qn = connection.ops.quote_name
    table, pk_col = qn(model._meta.db_table), qn(model._meta.pk.column)
    cols = [qn(f.column) for f in fields]
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
    with connection.cursor() as cur:
        # Raw SQL on purpose: the ORM would decrypt on read and encrypt again on write.
        cur.execute(
            f"SELECT {pk_col}, {', '.join(cols)} FROM {table} "  # noqa: S608 - names from _meta
            f"WHERE {pk_col} > %s ORDER BY {pk_col} LIMIT %s{lock}",
            [after_pk, chunk_size],
        )
        rows = cur.fetchall()
        for pk, *tokens in rows:
            new_tokens = []
            for field, token in zip(fields, tokens, strict=True):
                if not token or _under_primary_key(primary, token):
                    totals["already_current"] += bool(token)
                    new_tokens.append(token)
                    continue
                try:
                    new_tokens.append(crypto.rotate(token))
                except InvalidToken:
                    raise DomainError(
                        "invalid_state",
                        f"{model._meta.label} {pk}: {field.name} can't be decrypted with any "
                        f"configured key; put the old key back in FIELD_ENCRYPTION_KEYS "
                        f"(after the new one) and run again.",
                    ) from None
                totals["values_rotated"] += 1
            totals["rows"] += 1
            if new_tokens != list(tokens):
                sets = ", ".join(f"{c} = %s" for c in cols)
                cur.execute(
                    f"UPDATE {table} SET {sets} WHERE {pk_col} = %s",  # noqa: S608
                    [*new_tokens, pk],
                )
    return rows[-1][0] if rows else None


@refusals_audited("pii.keys_rotate_refused")
def pii_keys_rotate(*, acting_user: User | None = None, chunk_size: int = 500) -> dict:
    """Re-encrypt every encrypted column under the first key of FIELD_ENCRYPTION_KEYS.
    One transaction per chunk (not one for the whole table, which would hold locks for the
    whole run); values already under the first key are left alone, so a second run (or a
    rerun after a crash) rotates nothing twice."""
    primary = Fernet(settings.FIELD_ENCRYPTION_KEYS[0])
    totals = {"rows": 0, "values_rotated": 0, "already_current": 0}
    models = []
    for model, fields in _encrypted_models():
        models.append(model._meta.label_lower)
        last = 0
        while last is not None:
            with transaction.atomic():
                last = _rotate_chunk(model, fields, primary, last, chunk_size, totals)
    with transaction.atomic():
        audit_record(
            action="pii.keys_rotated",
            actor=acting_user,
            after={
                **totals,
                "models": models,
                "keys_configured": len(settings.FIELD_ENCRYPTION_KEYS),
            },
        )
    return totals
