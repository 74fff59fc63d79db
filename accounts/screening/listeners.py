"""Screening at sign-up (a borrower profile is created) and KYC (the name or date of birth
changes, a document is verified): inside the same transaction as the change."""

from lendingsite.audit import audit_listen


@audit_listen("profile.created", "profile.updated", "kyc.verified")
def _screen_borrower(*, event, target) -> None:
    from accounts.models import BorrowerProfile, KycDocument
    from accounts.screening.services import borrower_screen

    if event.action == "profile.updated" and not {"full_name", "date_of_birth"} & set(
        event.after or {}
    ):
        return
    if isinstance(target, KycDocument):
        target = target.profile
    if isinstance(target, BorrowerProfile):
        trigger = "kyc" if event.action == "kyc.verified" else "signup"
        borrower_screen(user=target.user, trigger=trigger)
