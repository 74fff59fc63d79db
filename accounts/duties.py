"""Segregation of duties: a staff account (any staff role, the auditor included, or a
superuser) never acts as a borrower. It cannot hold a borrower profile, apply, upload KYC
documents or pay a loan as its borrower: people who decide, disburse, post or audit loans
must not be on the other side of one. A member of staff who wants a loan uses a separate
personal account, which the staff side then sees as any other borrower.

Loan officers still apply *for* a borrower (API.md): the borrower is checked, not the
officer. `manage.py staff_borrowers` lists rows made before this rule.
"""

from accounts.roles import STAFF_ROLES
from lendingsite.errors import DomainError

MESSAGE = (
    "{who} a staff account, and staff accounts cannot act as borrowers (hold a borrower "
    "profile, apply, upload KYC documents or pay a loan). Use a separate personal account."
)


def is_staff_account(user) -> bool:
    if user is None or not getattr(user, "pk", None):
        return False
    if user.is_staff or user.is_superuser:
        return True
    return user.groups.filter(name__in=STAFF_ROLES).exists()


def borrower_capacity_check(*, user, acting_user=None) -> None:
    """Refuse (403 `staff_cannot_borrow`) when `user` would act, or be acted for, as a
    borrower while holding a staff account."""
    if is_staff_account(user):
        who = "This is" if acting_user is None or acting_user.pk == user.pk else f"{user} is"
        raise DomainError("staff_cannot_borrow", MESSAGE.format(who=who))
