"""Staff-side writes on accounts: roles, account details, sign-in unlocks, token purge.

Immediate role changes are for superusers only: a role is a set of permissions in the
officer console, and letting anyone holding `auth.change_group` hand out roles (including
their own) would make every other control pointless. In the console a staff account's
roles change by maker-checker (accounts.services.roles), which applies them through
`roles_apply` here.
"""

from datetime import timedelta

from axes.utils import reset as axes_reset
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from accounts.models import BorrowerProfile, EmailToken, User
from accounts.roles import ALL_ROLES, STAFF_ROLES
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.errors import DomainError

EMAIL_TOKEN_KEEP = timedelta(days=7)
UNLOCK_PERMISSION = "axes.delete_accessattempt"


def user_roles_clean(*, acting_user: User, roles: list[str]) -> list[str]:
    """The rules for a role change (also shown early by the officer console's form)."""
    if not getattr(acting_user, "is_superuser", False):
        raise DomainError("permission_denied", "Only a superuser can change roles.")
    wanted = sorted(set(roles))
    unknown = [r for r in wanted if r not in ALL_ROLES]
    if unknown:
        message = f"Unknown role: {', '.join(unknown)}. Roles are {', '.join(ALL_ROLES)}."
        raise DomainError("validation_error", message, errors={"roles": [message]})
    return wanted


@refusals_audited("role.change_refused")
@transaction.atomic
def user_set_roles(*, acting_user: User, user: User, roles: list[str]) -> User:
    """Replace the user's roles at once (a superuser: the integrations' service accounts,
    bootstrap). A staff person's roles change in the console through a proposal and
    another person's approval instead (accounts.services.roles)."""
    wanted = user_roles_clean(acting_user=acting_user, roles=roles)
    return roles_apply(acting_user=acting_user, user=user, roles=wanted)


@transaction.atomic
def roles_apply(*, acting_user: User, user: User, roles: list[str], context: dict | None = None):
    """Set the (already checked) roles inside the caller's transaction; `is_staff`
    follows (any staff role, or superuser). Writes exactly one role.changed event when
    something changed (with `context`, e.g. the approved proposal), none otherwise."""
    wanted = sorted(set(roles))
    user = User.objects.select_for_update().get(pk=user.pk)
    before = {
        "roles": sorted(user.groups.values_list("name", flat=True)),
        "is_staff": user.is_staff,
    }
    # The m2m signal audits group edits made anywhere else; here it would write one event
    # for the removals and one for the additions, so this call records the change itself.
    user._roles_audited_by_service = True
    try:
        user.groups.set(Group.objects.filter(name__in=wanted))
    finally:
        del user._roles_audited_by_service
    if set(wanted) & STAFF_ROLES and BorrowerProfile.objects.filter(user=user).exists():
        raise DomainError(
            "staff_cannot_borrow",
            f"{user} has a borrower profile, and staff accounts cannot act as borrowers. "
            "Give the staff role to a separate work account.",
        )
    user.is_staff = user.is_superuser or bool(set(wanted) & STAFF_ROLES)
    user.save(update_fields=["is_staff"])
    after = {"roles": wanted, "is_staff": user.is_staff}
    if after != before:
        audit_record(
            action="role.changed",
            actor=acting_user,
            target=user,
            before=before,
            after={**after, **(context or {})},
        )
    return user


_USER_FIELDS = ("full_name", "is_active")


def user_fields_clean(*, acting_user: User, user: User, fields: dict) -> dict:
    if not acting_user.has_perm("accounts.change_user"):
        raise DomainError("permission_denied", "You don't have permission to change accounts.")
    unknown = sorted(set(fields) - set(_USER_FIELDS))
    if unknown:
        raise DomainError(
            "validation_error",
            f"These can't be changed here: {', '.join(unknown)}.",
            errors={name: ["This field can't be changed here."] for name in unknown},
        )
    cleaned = dict(fields)
    if "full_name" in cleaned:
        cleaned["full_name"] = str(cleaned["full_name"] or "").strip()[:150]
    if "is_active" in cleaned:
        cleaned["is_active"] = bool(cleaned["is_active"])
        if not cleaned["is_active"] and user.pk == acting_user.pk:
            message = "You can't deactivate your own account."
            raise DomainError("validation_error", message, errors={"is_active": [message]})
    return cleaned


@refusals_audited("user.update_refused")
@transaction.atomic
def user_update(*, acting_user: User, user: User, **fields) -> User:
    """Officer-console edits of an account (name, active). Email and password change
    through their own verified flows, roles through user_set_roles."""
    fields = user_fields_clean(acting_user=acting_user, user=user, fields=fields)
    user = User.objects.select_for_update().get(pk=user.pk)
    changed = {k: v for k, v in fields.items() if getattr(user, k) != v}
    if not changed:
        return user
    before = {k: getattr(user, k) for k in changed}
    for name, value in changed.items():
        setattr(user, name, value)
    user.save(update_fields=list(changed))
    audit_record(
        action="user.updated", actor=acting_user, target=user, before=before, after=changed
    )
    return user


@refusals_audited("auth.unlock_refused")
@transaction.atomic
def login_unlock(*, acting_user: User, username: str) -> int:
    """Clear django-axes' failed attempts (and so the lockout) for a username, from every
    address. Returns how many attempt records were removed."""
    if not acting_user.has_perm(UNLOCK_PERMISSION):
        raise DomainError("permission_denied", "You don't have permission to unlock sign-ins.")
    username = (username or "").strip().lower()
    if not username:
        message = "Say which username (email) to unlock."
        raise DomainError("validation_error", message, errors={"username": [message]})
    cleared = axes_reset(username=username)
    if not cleared:
        raise DomainError(
            "not_found", f"There are no failed sign-in attempts on record for {username}."
        )
    target = User.objects.filter(email__iexact=username).first()
    audit_record(
        action="auth.unlocked",
        actor=acting_user,
        target=target,
        target_type="accounts.user",
        after={"username": username, "attempts_cleared": cleared},
    )
    return cleared


@transaction.atomic
def email_tokens_purge_expired(*, now=None) -> int:
    """Delete email tokens that expired more than a week ago (used or not): they can never
    be redeemed, and the week keeps recent ones for support questions."""
    cutoff = (now or timezone.now()) - EMAIL_TOKEN_KEEP
    deleted, _ = EmailToken.objects.filter(expires_at__lt=cutoff).delete()
    if deleted:
        audit_record(
            action="auth.tokens_purged",
            actor=None,
            target_type="accounts.emailtoken",
            after={"deleted": deleted, "expired_before": cutoff.isoformat()},
        )
    return deleted
