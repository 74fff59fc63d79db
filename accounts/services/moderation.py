"""Moderation of an account from its page in the officer console (issue 14): deactivate,
reactivate, end every session, force a password reset. Each is one transaction with one
audit event; a refusal writes nothing but its `*_refused` event. Unlocking a lockout is
`accounts.services.users.login_unlock`; roles are `user_set_roles` (superusers only).

Who: anyone holding `accounts.change_user` (superusers; the roles table gives it to no
officer role today), never on their own account, and only a superuser on a superuser."""

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from accounts.services.auth import LINK_RESET, _link_request_queue, _sessions_end
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.errors import DomainError

MODERATE_PERMISSION = "accounts.change_user"


def _check(acting_user: User, user: User) -> None:
    if not acting_user.has_perm(MODERATE_PERMISSION):
        raise DomainError("permission_denied", "You don't have permission to moderate accounts.")
    if user.pk == acting_user.pk:
        raise DomainError("validation_error", "You can't do this to your own account.")
    if user.is_superuser and not acting_user.is_superuser:
        raise DomainError("permission_denied", "Only a superuser can moderate a superuser.")


def _lock(user: User) -> User:
    return User.objects.select_for_update().get(pk=user.pk)


def _end_everything(user: User) -> dict:
    """Sessions deleted, refresh tokens blacklisted, access tokens already issued refused
    from now (`credentials_changed_at`)."""
    user.credentials_changed_at = timezone.now()
    user.save(update_fields=["credentials_changed_at"])
    return _sessions_end(user=user)


@refusals_audited("user.deactivate_refused")
@transaction.atomic
def user_deactivate(*, acting_user: User, user: User, reason: str) -> User:
    """The account can no longer sign in; every session ends now."""
    _check(acting_user, user)
    reason = (reason or "").strip()[:300]
    if not reason:
        raise DomainError("validation_error", "Say why the account is deactivated.")
    user = _lock(user)
    if not user.is_active:
        raise DomainError("invalid_state", f"{user} is already deactivated.")
    user.is_active = False
    user.save(update_fields=["is_active"])
    ended = _end_everything(user)
    audit_record(
        action="user.deactivated",
        actor=acting_user,
        target=user,
        before={"is_active": True},
        after={"is_active": False, "reason": reason, **ended},
    )
    return user


@refusals_audited("user.reactivate_refused")
@transaction.atomic
def user_reactivate(*, acting_user: User, user: User) -> User:
    _check(acting_user, user)
    user = _lock(user)
    if user.is_active:
        raise DomainError("invalid_state", f"{user} is already active.")
    user.is_active = True
    user.save(update_fields=["is_active"])
    audit_record(
        action="user.reactivated",
        actor=acting_user,
        target=user,
        before={"is_active": False},
        after={"is_active": True},
    )
    return user


@refusals_audited("user.sessions_end_refused")
@transaction.atomic
def user_sessions_end(*, acting_user: User, user: User) -> dict:
    """Sign the account out everywhere (browsers and API tokens)."""
    _check(acting_user, user)
    ended = _end_everything(_lock(user))
    audit_record(action="user.sessions_ended", actor=acting_user, target=user, after=ended)
    return ended


@refusals_audited("user.password_reset_force_refused")
@transaction.atomic
def user_password_reset_force(*, acting_user: User, user: User) -> User:
    """The password stops working now, every session ends, and a reset link is emailed to
    the account's address: only its owner chooses the next password."""
    _check(acting_user, user)
    user = _lock(user)
    user.set_unusable_password()
    user.save(update_fields=["password"])
    ended = _end_everything(user)
    if user.is_active:
        _link_request_queue(kind=LINK_RESET, address=user.email)
    audit_record(
        action="user.password_reset_forced",
        actor=acting_user,
        target=user,
        after={"reset_link_sent": user.is_active, **ended},
    )
    return user
