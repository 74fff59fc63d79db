"""Reactions inside the accounts app to its own audited actions (lendingsite.audit.audit_listen),
registered when the app is ready."""

from lendingsite.audit import audit_listen


@audit_listen("profile.updated")
def _kyc_name_changed(*, event, target) -> None:
    # The KYC name is what a payout account's holder name is matched against.
    if "full_name" not in (event.after or {}):
        return
    from accounts.services.bank_accounts import bank_account_recheck_after_name_change

    bank_account_recheck_after_name_change(profile=target, actor=event.actor)
