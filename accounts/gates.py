"""The API asks "may this caller do this at all?" before it reads the body, so a caller who
may not act gets 403, not a 400 that tells them about the fields (issue 11, item 9).

The services keep checking the same rule (they are where it lives, and the console and the
pages call them directly); these gates only put the API's answers in order: 401, then 404
for what the caller may not see, then 403, then the body's 400. A refusal here is on record
like the service's own (`action`, outcome denied), so every refused attempt still is.
"""

from accounts.duties import borrower_capacity_check
from lendingsite.audit import AuditOutcome, audit_record
from lendingsite.errors import DomainError


def _on_record(error: DomainError, *, action: str, acting_user, target) -> DomainError:
    audit_record(
        action=action,
        actor=acting_user,
        target=target,
        outcome=AuditOutcome.DENIED,
        after={"code": error.code, "detail": error.detail},
    )
    return error


def permission_first(*, acting_user, perm: str, message: str, action: str, target=None) -> None:
    """403 `permission_denied` with `message` unless the caller holds `perm`."""
    if not acting_user.has_perm(perm):
        error = DomainError("permission_denied", message)
        raise _on_record(error, action=action, acting_user=acting_user, target=target)


def refuse_first(*, acting_user, message: str, action: str, target=None) -> None:
    """403 `permission_denied` with `message`: only someone else may do this at all."""
    error = DomainError("permission_denied", message)
    raise _on_record(error, action=action, acting_user=acting_user, target=target)


def borrower_first(*, acting_user, action: str, target=None) -> None:
    """403 `staff_cannot_borrow` for a staff account acting as a borrower (accounts.duties)."""
    try:
        borrower_capacity_check(user=acting_user)
    except DomainError as error:
        raise _on_record(error, action=action, acting_user=acting_user, target=target) from None
