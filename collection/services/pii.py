"""A borrower's phone number for the people who call them. The desk sees it masked
(`+91******1005`); the collector a case is assigned to — or a collections manager, who
supervises every case and may take one over — reveals the full number on purpose, one case
at a time, while the case is open. Each reveal is an audit event `pii.revealed` (who,
which field, which case, whose number); each refusal a denied `pii.reveal`. Nothing else
about the borrower is unmasked (docs/collections.md, "Calling the borrower").

Who may, in one rule (`phone_reveal_refusal`), used by the service and by the console to
decide whether to offer the button.
"""

from django.db import transaction

from accounts.selectors import mask_phone
from collection.models import OPEN_CASE_STATUSES, CollectionCase
from collection.selectors import ASSIGN_PERM, VIEW_CASE_PERM, sees_every_case
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.errors import DomainError

FIELD = "phone"


def phone_reveal_refusal(user, case: CollectionCase) -> DomainError | None:
    """Why `user` may not see the full phone number on `case`, or None if they may."""
    if not getattr(user, "is_authenticated", False) or not user.has_perm(VIEW_CASE_PERM):
        return DomainError(
            "permission_denied", "Only the collections desk can see a borrower's phone number."
        )
    if not user.has_perm(ASSIGN_PERM) and case.assigned_to_id != user.pk:
        if sees_every_case(user):  # an auditor: reads the desk's records, calls no one
            return DomainError(
                "permission_denied",
                "Auditors see the desk's records with phone numbers masked; only the "
                "case's collector or a collections manager can reveal one.",
            )
        return DomainError("not_found", "No such case.")  # someone else's: as if absent
    if case.status not in OPEN_CASE_STATUSES:
        return DomainError(
            "invalid_state",
            f"Case #{case.pk} is {case.get_status_display().lower()}; a borrower's number "
            "is shown only while their case is open.",
        )
    return None


def borrower_phone(case: CollectionCase) -> str:
    """(collection.selectors.cases_for joins the profile: no query on the case page.)"""
    profile = getattr(case.loan.borrower, "profile", None)
    return profile.phone if profile is not None else ""


def borrower_phone_masked(case: CollectionCase) -> str:
    return mask_phone(borrower_phone(case))


@refusals_audited("pii.reveal_refused")
@transaction.atomic
def case_phone_reveal(*, acting_user, case: CollectionCase) -> str:
    """The full phone number of the borrower on `case`, recorded as revealed to
    `acting_user`."""
    refusal = phone_reveal_refusal(acting_user, case)
    if refusal is not None:
        raise refusal
    phone = borrower_phone(case)
    if not phone:
        raise DomainError("invalid_state", "There is no phone number on file for this borrower.")
    audit_record(
        action="pii.revealed",
        actor=acting_user,
        target=case,
        after={
            "field": FIELD,
            "case": case.pk,
            "loan": case.loan_id,
            "borrower": case.loan.borrower_id,
        },
    )
    return phone
