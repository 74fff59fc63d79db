"""Officers enter or correct a borrower's CKYC number (docs/bureau.md): the fix for a bureau
validation that names it. The 14-digit rule is bureau.records' (the one the file is checked
against), so a number accepted here is never refused by the next file."""

from django.db import transaction

from accounts.models import BorrowerProfile
from bureau.models import CkycRecord
from bureau.records import CKYC_RE
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.errors import DomainError

CKYC_PERM = "bureau.change_ckycrecord"


def ckyc_masked(number: str) -> str:
    """Last four digits only: the audit trail shows which number, not the number."""
    return "*" * max(len(number) - 4, 0) + number[-4:] if number else ""


@refusals_audited("ckyc_number.set_refused")
@transaction.atomic
def ckyc_number_set(*, acting_user, profile: BorrowerProfile, number: str) -> CkycRecord:
    """Record `number` as the borrower's CKYC identifier, replacing the one held. Spaces and
    hyphens (as printed on a CKYC card) are dropped; what remains must be 14 digits and
    belong to no other borrower (409 `duplicate`)."""
    if acting_user is None or not acting_user.has_perm(CKYC_PERM):
        raise DomainError("permission_denied", "Only loan officers can enter CKYC numbers.")
    cleaned = "".join(str(number or "").replace("-", "").split())
    if not CKYC_RE.fullmatch(cleaned) or not cleaned.isascii():
        raise DomainError(
            "validation_error",
            "A CKYC number is 14 digits.",
            errors={"number": ["14 digits"]},
        )
    held = CkycRecord.objects.select_for_update().filter(profile=profile).first()
    if CkycRecord.objects.filter(number=cleaned).exclude(profile=profile).exists():
        raise DomainError("duplicate", "That CKYC number is already recorded for another borrower.")
    before = {"number": ckyc_masked(held.number)} if held else None
    if held is None:
        held = CkycRecord.objects.create(profile=profile, number=cleaned)
    elif held.number != cleaned:
        held.number = cleaned
        held.save(update_fields=["number"])
    audit_record(
        action="ckyc_number.set",
        actor=acting_user,
        target=held,
        before=before,
        after={"number": ckyc_masked(cleaned), "profile": profile.pk},
    )
    return held
