"""The loans app's reactions to what the accounts app reports (lendingsite.audit.audit_listen),
registered from LoansConfig.ready(); each runs inside the transaction of the change."""

from lendingsite.audit import audit_listen
from loans.models import ApplicationStatus, Loan, LoanApplication, LoanStatus


@audit_listen("kyc.verified", "kyc.rejected", "kyc.superseded")
def _kyc_decided(*, event, target) -> None:
    from loans.services.applications import applications_rescore_for_borrower

    applications_rescore_for_borrower(
        borrower=target.profile.user, actor=event.actor, trigger=event.action
    )


@audit_listen("profile.created", "profile.updated")
def _profile_changed(*, event, target) -> None:
    # Scoring reads the date of birth from the profile and the income from the
    # application; a newly declared income becomes the income of the open applications.
    changed = event.after or {}
    if event.action == "profile.updated" and not {"monthly_income", "date_of_birth"} & set(changed):
        return
    from loans.services.applications import applications_rescore_for_borrower

    declared = event.action == "profile.updated" and "monthly_income" in changed
    income = target.monthly_income if declared else None
    applications_rescore_for_borrower(
        borrower=target.user, actor=event.actor, trigger=event.action, monthly_income=income
    )


def offer_in_flight(borrower) -> bool:
    """An offer was made and not yet paid out: approved, or accepted and pending
    disbursement."""
    return (
        LoanApplication.objects.filter(
            borrower=borrower, status=ApplicationStatus.APPROVED
        ).exists()
        or Loan.objects.filter(borrower=borrower, status=LoanStatus.PENDING_DISBURSEMENT).exists()
    )


@audit_listen("bank_account.added", "bank_account.reopened")
def _payout_account_changed(*, event, target) -> None:
    # Changing where the money goes after the offer is the classic account-takeover
    # fraud: the automatic check would pass a mule account in a borrower's name.
    if not offer_in_flight(target.profile.user):
        return
    from accounts.services.bank_accounts import bank_account_require_officer

    bank_account_require_officer(account=target)
