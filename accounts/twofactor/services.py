"""Writes of the second factor: enrolment, verification (TOTP or a recovery code),
recovery codes, and maker-checker device resets. Each is audited."""

import hashlib
import hmac
import secrets
import time

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AuditOutcome
from accounts.services.auth import _sessions_end
from accounts.twofactor.models import DeviceResetRequest, RecoveryCode, ResetStatus
from accounts.twofactor.policy import MFA_CLAIM, REAUTH_CLAIM, confirmed_totp, is_staff_user
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.errors import DomainError

RECOVERY_CODE_COUNT = 10
_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"  # no 0/o, 1/l/i: read aloud, typed from paper


def _code_hash(code: str) -> str:
    normalised = code.replace("-", "").replace(" ", "").lower()
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, b"recovery:" + normalised.encode(), hashlib.sha256).hexdigest()


def _new_code() -> str:
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


@transaction.atomic
def totp_device_start(*, user) -> TOTPDevice:
    """An unconfirmed device with a fresh secret (replacing an earlier unconfirmed one);
    it counts only after totp_device_confirm saw a code from it."""
    if confirmed_totp(user) is not None:
        raise DomainError("invalid_state", "You already have an authenticator app set up.")
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)


@refusals_audited("twofactor.enroll_refused")
@transaction.atomic
def totp_device_confirm(*, user, device: TOTPDevice, code: str) -> list[str]:
    """Confirm enrolment with a first code; returns the recovery codes (shown once)."""
    if device.user_id != user.pk or device.confirmed:
        raise DomainError("invalid_state", "This enrolment is not open any more. Start again.")
    if not device.verify_token(code.strip()):
        raise DomainError(
            "otp_invalid",
            "That code is not right. Check the clock of your phone and enter the current code.",
            errors={"code": ["not right"]},
        )
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    codes = _recovery_codes_replace(user=user)
    audit_record(action="twofactor.enrolled", actor=user, target=user, after={"device": device.pk})
    return codes


def _recovery_codes_replace(*, user) -> list[str]:
    RecoveryCode.objects.filter(user=user).delete()
    codes = [_new_code() for _ in range(RECOVERY_CODE_COUNT)]
    RecoveryCode.objects.bulk_create(
        [RecoveryCode(user=user, code_hash=_code_hash(c)) for c in codes]
    )
    return codes


@transaction.atomic
def recovery_codes_regenerate(*, user) -> list[str]:
    if confirmed_totp(user) is None:
        raise DomainError("invalid_state", "Set up an authenticator app first.")
    codes = _recovery_codes_replace(user=user)
    audit_record(action="twofactor.recovery_codes_regenerated", actor=user, target=user)
    return codes


@transaction.atomic
def second_factor_check(*, user, code: str):
    """The device that accepts `code` (a TOTP code, or an unused recovery code, which is
    then spent), or None. TOTP codes are single use too: django-otp refuses a time step
    it has already seen."""
    code = (code or "").strip()
    if not code:
        return None
    device = confirmed_totp(user)
    if device is not None and code.isdigit() and device.verify_token(code):
        return device
    spent = (
        RecoveryCode.objects.select_for_update()
        .filter(user=user, code_hash=_code_hash(code), used_at__isnull=True)
        .update(used_at=timezone.now())
    )
    if spent and device is not None:
        audit_record(action="twofactor.recovery_code_used", actor=user, target=user)
        return device
    return None


def second_factor_require(*, user, code: str | None):
    """Raise the API's stable refusal unless `code` is a valid second factor of `user`."""
    if confirmed_totp(user) is None:
        raise DomainError(
            "mfa_required",
            "Staff accounts need a second factor. Set up an authenticator app at "
            "/accounts/2fa/setup/ (sign in with your password there), then ask again "
            "with the current code in `otp`.",
        )
    if not code:
        raise DomainError(
            "mfa_required",
            "Send the current code from your authenticator app (or a recovery code) in `otp`.",
            errors={"otp": ["required"]},
        )
    device = second_factor_check(user=user, code=code)
    if device is None:
        audit_record(
            action="twofactor.verify_refused", actor=user, target=user, outcome=AuditOutcome.DENIED
        )
        raise DomainError("otp_invalid", "That code is not right.", errors={"otp": ["not right"]})
    return device


def second_factor_verify(*, acting_user, code: str | None):
    """Sign-in's second step on the pages: the device that accepts `code`, audited as
    `twofactor.verified`; a wrong code is refused (and audited) by second_factor_require."""
    device = second_factor_require(user=acting_user, code=code)
    audit_record(action="twofactor.verified", actor=acting_user, target=acting_user)
    return device


def reauthenticate(*, acting_user, password_ok: bool, code: str | None):
    """A fresh proof of identity before a sensitive action (page and API alike): the
    password, which the caller checks through authenticate() so that django-axes counts a
    wrong one, and a second factor. Audited whichever way it goes; the caller records the
    time it was proved (a session key, a token claim)."""
    if not password_ok:
        audit_record(
            action="twofactor.reauthenticate_refused",
            actor=acting_user,
            target=acting_user,
            outcome=AuditOutcome.DENIED,
        )
        raise DomainError(
            "reauth_required", "The password is not right.", errors={"password": ["wrong"]}
        )
    device = second_factor_require(user=acting_user, code=code)
    audit_record(action="twofactor.reauthenticated", actor=acting_user, target=acting_user)
    return device


def token_claims_add(*, user, token, reauth: bool = False) -> None:
    """Mark a JWT as issued after a second factor (staff and opted-in borrowers)."""
    token[MFA_CLAIM] = True
    if reauth:
        token[REAUTH_CLAIM] = int(time.time())


# --- Device resets (maker-checker between two superusers) ----------------------------


def _superuser_only(acting_user) -> None:
    if not getattr(acting_user, "is_superuser", False):
        raise DomainError("permission_denied", "Only a superuser can reset a second factor.")


@refusals_audited("twofactor.reset_request_refused")
@transaction.atomic
def device_reset_request(*, acting_user, user, reason: str) -> DeviceResetRequest:
    _superuser_only(acting_user)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("validation_error", "Give a reason.", errors={"reason": ["required"]})
    if DeviceResetRequest.objects.filter(user=user, status=ResetStatus.PENDING).exists():
        raise DomainError("duplicate", f"A reset for {user} is already waiting for approval.")
    reset = DeviceResetRequest.objects.create(user=user, reason=reason, requested_by=acting_user)
    audit_record(
        action="twofactor.reset_requested",
        actor=acting_user,
        target=reset,
        after={"reason": reason},
    )
    return reset


@refusals_audited("twofactor.reset_decide_refused")
@transaction.atomic
def device_reset_decide(*, acting_user, reset: DeviceResetRequest, approve: bool):
    """A different superuser approves (devices and recovery codes go) or rejects."""
    _superuser_only(acting_user)
    reset = DeviceResetRequest.objects.select_for_update().get(pk=reset.pk)
    if reset.status != ResetStatus.PENDING:
        raise DomainError("invalid_state", f"This reset is already {reset.status}.")
    if acting_user.pk in (reset.requested_by_id, reset.user_id):
        raise DomainError(
            "maker_checker",
            "A second-factor reset needs a different superuser from the one who asked "
            "(and never the person whose factor it is).",
        )
    reset.status = ResetStatus.APPROVED if approve else ResetStatus.REJECTED
    reset.decided_by = acting_user
    reset.decided_at = timezone.now()
    reset.save(update_fields=["status", "decided_by", "decided_at"])
    removed, ended = 0, {}
    if approve:
        removed, _ = TOTPDevice.objects.filter(user=reset.user).delete()
        RecoveryCode.objects.filter(user=reset.user).delete()
        # Whoever holds the lost phone may hold a session or tokens it verified: end them.
        person = reset.user
        person.credentials_changed_at = reset.decided_at
        person.save(update_fields=["credentials_changed_at"])
        ended = _sessions_end(user=person)
    audit_record(
        action="twofactor.reset_decided",
        actor=acting_user,
        target=reset,
        after={"status": reset.status, "devices_removed": removed, **ended},
    )
    return reset


def needs_enrolment(user) -> bool:
    return is_staff_user(user) and confirmed_totp(user) is None
