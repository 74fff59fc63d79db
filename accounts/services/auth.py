"""Sign-up, email verification, password reset and ending sessions: the one place each auth
rule lives. The API (accounts.api.auth) and the pages (portal.views.auth) only call these.

Two rules shape every function here:
- No user enumeration. Sign-up, "resend the link" and "reset my password" do the same work,
  count against the same quota and return the same nothing whether or not the address has
  an account; only the email that goes out (or doesn't) differs.
- Link tokens are single-use and stored only as their SHA-256 (EmailToken), so the database
  never holds a usable link.
"""

import hashlib
import secrets
from datetime import timedelta
from importlib import import_module

from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from rest_framework_simplejwt.exceptions import TokenError
from rest_framework_simplejwt.settings import api_settings as jwt_settings
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken, OutstandingToken
from rest_framework_simplejwt.tokens import RefreshToken

from accounts import ratelimit
from accounts.emails import email_send_on_commit
from accounts.models import AuditOutcome, BorrowerProfile, EmailToken, TokenPurpose, User
from accounts.roles import BORROWER
from accounts.validators import normalize_phone, validate_phone
from lendingsite import refcode
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.errors import DomainError

INVALID_LINK = (
    "This link is not valid any more: it has expired, was already used, or a newer link "
    "was sent. Ask for a new one."
)
FIELDS_INVALID = "Some of the details are not right. Check the fields marked below."
LINK_VERIFY, LINK_RESET = "verify", "reset"

# Sessions these engines keep in the database can be found and deleted; others are still
# ended, because a password change invalidates every session's auth hash.
_DB_SESSION_ENGINES = (
    "django.contrib.sessions.backends.db",
    "django.contrib.sessions.backends.cached_db",
)


class EmailQuotaExceeded(DomainError):
    """Refused: the address already had its emails for this hour. Carries Retry-After."""

    def __init__(self, retry_after: int):
        super().__init__(
            "throttled",
            "Too many emails have been sent to this address in the last hour. "
            "Wait a while and try again.",
        )
        self.retry_after = retry_after


# --- helpers -------------------------------------------------------------------------------


def normalize_email(email: str) -> str:
    return User.objects.normalize_email((email or "").strip()).lower()


def _link(name: str, *args) -> str:
    return f"{settings.SITE_URL}{reverse(name, args=args)}"


def _email_quota_take(*, kind: str, address: str, limit: int) -> None:
    retry_after = ratelimit.quota_take(kind=kind, address=address, limit=limit)
    if retry_after:
        raise EmailQuotaExceeded(retry_after)


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _email_token_issue(*, user: User, purpose: str, ttl: timedelta) -> str:
    """A fresh link token; older unused links of the same purpose stop working."""
    now = timezone.now()
    EmailToken.objects.filter(user=user, purpose=purpose, used_at__isnull=True).delete()
    token = secrets.token_urlsafe(32)
    EmailToken.objects.create(
        user=user,
        purpose=purpose,
        token_hash=_token_hash(token),
        created_at=now,
        expires_at=now + ttl,
    )
    return token


def _email_token_consume(*, token: str, purpose: str) -> User:
    """Spend a link token, or refuse it (forged, expired, used, or replaced by a newer one)."""
    row = (
        EmailToken.objects.select_for_update()
        .select_related("user")
        .filter(token_hash=_token_hash(token or ""), purpose=purpose)
        .first()
    )
    now = timezone.now()
    if row is None or row.used_at is not None or row.expires_at <= now or not row.user.is_active:
        raise DomainError("invalid_token", INVALID_LINK)
    row.used_at = now
    row.save(update_fields=["used_at"])
    return row.user


def _password_errors(password: str, user: User) -> list[str]:
    try:
        password_validation.validate_password(password, user=user)
    except ValidationError as exc:
        return list(exc.messages)
    return []


def _verification_email(*, user: User) -> None:
    token = _email_token_issue(
        user=user, purpose=TokenPurpose.VERIFY_EMAIL, ttl=settings.EMAIL_VERIFICATION_TTL
    )
    email_send_on_commit(
        template="verify_email",
        to=user.email,
        context={
            "full_name": user.full_name,
            "link": _link("accounts:verify_email", token),
            "hours": int(settings.EMAIL_VERIFICATION_TTL.total_seconds() // 3600),
        },
    )


def _sessions_end(*, user: User) -> dict:
    """End every session of the user: browser sessions deleted, refresh tokens blacklisted.
    Access tokens already issued die through `credentials_changed_at` (set by the caller)."""
    outstanding = list(
        OutstandingToken.objects.filter(
            user=user, expires_at__gt=timezone.now(), blacklistedtoken__isnull=True
        )
    )
    BlacklistedToken.objects.bulk_create(
        [BlacklistedToken(token=t) for t in outstanding], ignore_conflicts=True
    )

    ended = 0
    if settings.SESSION_ENGINE in _DB_SESSION_ENGINES:
        from django.contrib.sessions.models import Session

        store = import_module(settings.SESSION_ENGINE).SessionStore()
        # Sessions carry the user id only inside their encoded data, so this reads every
        # live session once; a reset is rare enough for that to be the simple choice.
        keys = [
            s.session_key
            for s in Session.objects.filter(expire_date__gt=timezone.now()).iterator(2000)
            if s.get_decoded().get("_auth_user_id") == str(user.pk)
        ]
        for key in keys:
            store.delete(key)
        ended = len(keys)
    return {"sessions_ended": ended, "refresh_tokens_revoked": len(outstanding)}


# --- services ------------------------------------------------------------------------------


@refusals_audited("auth.register_refused")
@transaction.atomic
def user_register(
    *, email: str, password: str, full_name: str, phone: str, referral_code: str = ""
) -> None:
    """Create a borrower account (unverified) and email a verification link. For an address
    that already has an account nothing is created and its owner gets a note instead; the
    caller cannot tell the two apart, so nothing is returned. A `referral_code` must be
    well formed (lendingsite.refcode: a mistyped one is refused); the referrals app records
    it from the `auth.registered` event, once (docs/referrals.md)."""
    address = normalize_email(email)
    full_name = (full_name or "").strip()
    errors: dict[str, list[str]] = {}
    referral_code = (referral_code or "").strip()
    if referral_code and refcode.canonical(referral_code) is None:
        errors["referral_code"] = [
            "This referral code is not valid: check it against the one you were given."
        ]
    try:
        validate_phone(phone)
    except ValidationError as exc:
        errors["phone"] = list(exc.messages)
    if not full_name:
        errors["full_name"] = ["Enter your full name."]
    password_problems = _password_errors(password, User(email=address, full_name=full_name))
    if password_problems:
        errors["password"] = password_problems
    if errors:
        raise DomainError("validation_error", FIELDS_INVALID, errors=errors)

    _email_quota_take(kind="verify", address=address, limit=settings.VERIFICATION_EMAILS_PER_HOUR)

    existing = User.objects.filter(email__iexact=address).first()
    if existing is None:
        try:
            with transaction.atomic():  # a concurrent sign-up for the same address may win
                user = User.objects.create_user(
                    email=address, password=password, full_name=full_name
                )
        except IntegrityError:
            existing = User.objects.get(email__iexact=address)

    if existing is not None:
        make_password(password)  # the same hashing cost as a real sign-up: timing tells nothing
        audit_record(
            action="auth.register_duplicate_refused",
            target=existing,
            outcome=AuditOutcome.DENIED,
            after={"email": address, "notified": existing.is_active},
        )
        if existing.is_active:
            email_send_on_commit(
                template="already_registered",
                to=existing.email,
                context={
                    "full_name": existing.full_name,
                    "login_link": _link("accounts:login"),
                    "reset_link": _link("accounts:password_reset"),
                },
            )
        return

    user.groups.add(Group.objects.get(name=BORROWER))
    BorrowerProfile.objects.create(user=user, full_name=full_name, phone=normalize_phone(phone))
    registered = {"email": address}
    if referral_code:
        registered["referral_code"] = refcode.canonical(referral_code)
    audit_record(action="auth.registered", actor=user, target=user, after=registered)
    _verification_email(user=user)


def _link_request_queue(*, kind: str, address: str) -> None:
    """Hand the request to a worker, the same way for every address: whether anything is
    sent is decided there (accounts.tasks.email_link_deliver), off the request, so the
    answer takes the same time for a known and an unknown address."""
    from accounts.tasks import email_link_deliver

    transaction.on_commit(lambda: email_link_deliver.delay(kind, address), robust=True)


@refusals_audited("auth.verify_email_resend_refused")
@transaction.atomic
def email_verification_resend(*, email: str) -> None:
    """Queue a new verification link for the address (sent if it has an unverified
    account). Counted, worked and answered the same way for every address."""
    address = normalize_email(email)
    _email_quota_take(kind="verify", address=address, limit=settings.VERIFICATION_EMAILS_PER_HOUR)
    user = User.objects.filter(email__iexact=address, is_active=True).first()
    audit_record(
        action="auth.verification_email_resent",
        target=user,
        target_type="accounts.user",
        after={"email": address, "sent": user is not None and not user.email_verified},
    )
    _link_request_queue(kind=LINK_VERIFY, address=address)


@refusals_audited("auth.verify_email_refused")
@transaction.atomic
def email_verify(*, token: str) -> User:
    """Spend a verification link: the account's email is verified from now on."""
    user = _email_token_consume(token=token, purpose=TokenPurpose.VERIFY_EMAIL)
    before = {"email_verified": user.email_verified}
    if user.email_verified_at is None:
        user.email_verified_at = timezone.now()
        user.save(update_fields=["email_verified_at"])
    audit_record(
        action="auth.email_verified",
        actor=user,
        target=user,
        before=before,
        after={"email_verified": True},
    )
    return user


@refusals_audited("auth.password_reset_request_refused")
@transaction.atomic
def password_reset_request(*, email: str) -> None:
    """Queue a password-reset link for the address (sent if it has an active account).
    Counted, worked and answered the same way for every address."""
    address = normalize_email(email)
    _email_quota_take(kind="reset", address=address, limit=settings.RESET_EMAILS_PER_HOUR)
    user = User.objects.filter(email__iexact=address, is_active=True).first()
    audit_record(
        action="auth.password_reset_requested",
        target=user,
        target_type="accounts.user",
        after={"email": address, "sent": user is not None},
    )
    _link_request_queue(kind=LINK_RESET, address=address)


@transaction.atomic
def email_link_deliver(*, kind: str, address: str) -> bool:
    """The worker's half of a resend or reset request: issue the link and queue its email
    when the address has an account that needs it. Returns whether an email was queued.
    The request that asked is already audited; this writes the token and nothing else."""
    user = User.objects.filter(email__iexact=address, is_active=True).first()
    if kind == LINK_VERIFY:
        if user is None or user.email_verified:
            return False
        _verification_email(user=user)
        return True
    if kind != LINK_RESET:
        raise ValueError(f"unknown link kind {kind!r}")
    if user is None:
        return False
    token = _email_token_issue(
        user=user, purpose=TokenPurpose.RESET_PASSWORD, ttl=settings.PASSWORD_RESET_TTL
    )
    email_send_on_commit(
        template="password_reset",
        to=user.email,
        context={
            "full_name": user.full_name,
            "link": _link("accounts:password_reset_confirm", token),
            "minutes": int(settings.PASSWORD_RESET_TTL.total_seconds() // 60),
        },
    )
    return True


@refusals_audited("auth.password_reset_refused")
@transaction.atomic
def password_reset_confirm(*, token: str, password: str) -> User:
    """Spend a reset link and set the new password. Every existing session of the user
    ends (browser sessions, refresh tokens, access tokens); the email counts as verified
    (they just proved they read it) and any sign-in lockout on the account is lifted."""
    user = _email_token_consume(token=token, purpose=TokenPurpose.RESET_PASSWORD)
    problems = _password_errors(password, user)
    if problems:
        # Rolls back: the link stays usable for a better password.
        raise DomainError("validation_error", FIELDS_INVALID, errors={"password": problems})

    now = timezone.now()
    user.set_password(password)
    user.credentials_changed_at = now
    if user.email_verified_at is None:
        user.email_verified_at = now
    user.save(update_fields=["password", "credentials_changed_at", "email_verified_at"])
    EmailToken.objects.filter(user=user, used_at__isnull=True).delete()
    ended = _sessions_end(user=user)
    unlocked = axes_reset(username=user.email.lower())
    audit_record(
        action="auth.password_reset",
        actor=user,
        target=user,
        after={**ended, "lockouts_cleared": unlocked},
    )
    return user


@refusals_audited("auth.logout_refused")
@transaction.atomic
def refresh_token_revoke(*, refresh: str) -> None:
    """API log-out: the refresh token can never be used again. Its access token lives out
    its 15 minutes; clients drop it."""
    try:
        token = RefreshToken(refresh)
        token.blacklist()
    except TokenError as exc:
        raise DomainError(
            "not_authenticated", "This refresh token is invalid, expired or already revoked."
        ) from exc
    user = User.objects.filter(pk=token.get(jwt_settings.USER_ID_CLAIM)).first()
    audit_record(action="auth.logged_out", actor=user, target=user, after={"channel": "jwt"})
