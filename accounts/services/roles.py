"""Changing a staff account's roles, maker-checker (issue 14): a manager or an
administrator proposes the account's new set of roles with a reason; another one approves
it, which applies it (accounts.services.users.roles_apply: one `role.changed` event), or
rejects it, which changes nothing. The proposer can never decide their own proposal, and
nobody proposes or decides a change of their own roles. The console asks for a fresh
re-authentication before each of the three (accounts.admin.roles).

Only staff roles, only on work accounts: a borrower's account (the borrower role or a
borrower profile) has no roles to change here; a new work account (no role yet) gets its
first staff role the same way. Only a superuser may touch a superuser's
account, as with moderation."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_fsm import can_proceed

from accounts.models import BorrowerProfile, RoleChange, User
from accounts.roles import BORROWER, STAFF_ROLES
from accounts.services.users import roles_apply
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.errors import DomainError

PROPOSE_PERMISSION = "accounts.propose_rolechange"
DECIDE_PERMISSION = "accounts.decide_rolechange"


def _not_on_own_or_superior(acting_user: User, user: User, verb: str) -> None:
    if user.pk == acting_user.pk:
        raise DomainError(
            "maker_checker", f"You can't {verb} a change of your own roles; ask another manager."
        )
    if user.is_superuser and not acting_user.is_superuser:
        raise DomainError("permission_denied", "Only a superuser can change a superuser's account.")


def role_change_clean(*, acting_user: User, user: User, roles: list[str], reason: str) -> dict:
    """The rules of a proposal (also shown early as form errors by the console)."""
    if not acting_user.has_perm(PROPOSE_PERMISSION):
        raise DomainError("permission_denied", "You don't have permission to propose role changes.")
    _not_on_own_or_superior(acting_user, user, "propose")
    current = set(user.groups.values_list("name", flat=True))
    if BORROWER in current or BorrowerProfile.objects.filter(user=user).exists():
        raise DomainError(
            "validation_error",
            f"{user} is a borrower's account; only work accounts take staff roles.",
        )
    wanted = sorted(set(roles))
    unknown = [r for r in wanted if r not in STAFF_ROLES]
    if unknown:
        message = f"Not a staff role: {', '.join(unknown)}."
        raise DomainError("validation_error", message, errors={"roles": [message]})
    if set(wanted) == current:
        message = "These are the account's roles already; change at least one."
        raise DomainError("validation_error", message, errors={"roles": [message]})
    reason = (reason or "").strip()[:300]
    if not reason:
        message = "Give the reason in a few words."
        raise DomainError("validation_error", message, errors={"reason": [message]})
    return {"roles": wanted, "roles_before": sorted(current), "reason": reason}


@refusals_audited("role_change.propose_refused")
@transaction.atomic
def role_change_propose(
    *, acting_user: User, user: User, roles: list[str], reason: str
) -> RoleChange:
    """Propose `roles` as the account's whole new set. Nothing changes until another
    person approves; one open proposal per account."""
    user = User.objects.select_for_update().get(pk=user.pk)
    clean = role_change_clean(acting_user=acting_user, user=user, roles=roles, reason=reason)
    if RoleChange.objects.filter(user=user, status="proposed").exists():
        raise DomainError(
            "invalid_state", f"A change of {user}'s roles is already awaiting a decision."
        )
    try:
        with transaction.atomic():
            change = RoleChange.objects.create(user=user, proposed_by=acting_user, **clean)
    except IntegrityError:  # a concurrent proposal won
        raise DomainError(
            "invalid_state", f"Another change of {user}'s roles was just proposed."
        ) from None
    audit_record(
        action="role_change.proposed",
        actor=acting_user,
        target=user,
        before={"roles": clean["roles_before"]},
        after={"proposal": change.pk, "roles": clean["roles"], "reason": clean["reason"]},
    )
    return change


def _decidable(acting_user: User, change: RoleChange, verb: str) -> RoleChange:
    """Permission, maker-checker, state, in this order (as the loan proposals decide)."""
    if not acting_user.has_perm(DECIDE_PERMISSION):
        raise DomainError("permission_denied", f"You don't have permission to {verb} role changes.")
    change = RoleChange.objects.select_for_update().select_related("user").get(pk=change.pk)
    if change.proposed_by_id == acting_user.pk:
        raise DomainError(
            "maker_checker", f"You proposed role change {change.pk}; someone else must {verb} it."
        )
    _not_on_own_or_superior(acting_user, change.user, verb)
    if not can_proceed(change.approve):  # approve and reject share their source
        raise DomainError("invalid_state", f"Role change {change.pk} is already {change.status}.")
    return change


def _decided(change: RoleChange, acting_user: User, note: str) -> None:
    change.decided_by, change.decided_at = acting_user, timezone.now()
    change.decision_note = (note or "").strip()[:300]
    change.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])


@refusals_audited("role_change.approve_refused")
@transaction.atomic
def role_change_approve(*, acting_user: User, change: RoleChange, note: str = "") -> RoleChange:
    """Approve (not the proposer) and apply the proposed roles in this transaction."""
    change = _decidable(acting_user, change, "approve")
    change.approve()
    _decided(change, acting_user, note)
    roles_apply(
        acting_user=acting_user,
        user=change.user,
        roles=change.roles,
        context={"proposal": change.pk, "proposed_by": change.proposed_by_id},
    )
    audit_record(
        action="role_change.approved",
        actor=acting_user,
        target=change.user,
        before={"roles": change.roles_before},
        after={
            "proposal": change.pk,
            "roles": change.roles,
            "proposed_by": change.proposed_by_id,
            "note": change.decision_note,
        },
    )
    return change


@refusals_audited("role_change.reject_refused")
@transaction.atomic
def role_change_reject(*, acting_user: User, change: RoleChange, note: str) -> RoleChange:
    """Reject with the reason (not the proposer). The roles stay as they are."""
    if not (note or "").strip():
        message = "Say why the change is rejected."
        raise DomainError("validation_error", message, errors={"note": [message]})
    change = _decidable(acting_user, change, "reject")
    change.reject()
    _decided(change, acting_user, note)
    audit_record(
        action="role_change.rejected",
        actor=acting_user,
        target=change.user,
        after={
            "proposal": change.pk,
            "roles": change.roles,
            "proposed_by": change.proposed_by_id,
            "note": change.decision_note,
        },
    )
    return change
