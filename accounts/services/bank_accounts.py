"""The borrower's disbursement account: add (the borrower, or an officer for them), the
automatic check by the configured verifier, an officer's verification, and the officer
check that an account added while an offer is open must have (docs/decisions.md).

States: pending → verified | failed (a failed account may be verified later by an officer
from documents); a verified account goes back to pending when the KYC name changes. A
borrower has one current account; adding another retires the old one, so the new one is
the only one any payout may use, and only once verified.
"""

from django.db import transaction
from django.utils import timezone

from accounts import crypto
from accounts.bank_verifiers import VerifierResult, bank_verifier
from accounts.banking import (
    account_number_normalize,
    account_number_valid,
    ifsc_format_valid,
    ifsc_normalize,
    names_match,
)
from accounts.models import BankAccount, BankAccountStatus, BorrowerProfile, User
from accounts.services.bank_directory import bank_branch_find
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.errors import DomainError

ADD_FOR_OTHERS_PERM = "accounts.add_bankaccount"
VERIFY_PERM = "accounts.verify_bankaccount"
# What an officer may verify an account from, when the automatic check can't.
EVIDENCE = {
    "cancelled_cheque": "a cancelled cheque",
    "bank_statement": "a bank statement",
    "passbook": "the passbook's first page",
}
OFFICER_CHECK_REASON = "Changed after an offer was made: an officer must verify this account."


def bank_account_fields_clean(*, holder_name: str, account_number: str, ifsc: str) -> dict:
    """Normalised fields plus the branch found for the IFSC, or a validation_error naming
    every bad field in plain words. The pages and the API call this through the service."""
    errors: dict[str, list[str]] = {}
    holder_name = " ".join((holder_name or "").split())
    number = account_number_normalize(account_number)
    code = ifsc_normalize(ifsc)
    if not holder_name:
        errors["holder_name"] = ["Enter the name on the account, as the bank has it."]
    elif len(holder_name) > 150:
        errors["holder_name"] = ["Use at most 150 characters."]
    if not account_number_valid(number):
        errors["account_number"] = ["An account number is 9 to 18 digits."]
    branch = None
    if not ifsc_format_valid(code):
        errors["ifsc"] = [
            "An IFSC is 11 characters: 4 letters, a zero, then 6 letters or digits "
            "(it is printed on your cheque book)."
        ]
    else:
        branch = bank_branch_find(code)
        if branch is None:
            errors["ifsc"] = [f"{code} is not in our bank branch directory; check the code."]
    if errors:
        first = next(iter(errors.values()))[0]
        raise DomainError("validation_error", f"Check the bank account: {first}", errors=errors)
    return {"holder_name": holder_name, "account_number": number, "ifsc": code, "branch": branch}


def _snapshot(account: BankAccount) -> dict:
    return {
        **account.beneficiary(),
        "status": account.status,
        "reason": account.status_reason,
        "officer_check_required": account.officer_check_required,
    }


def _kyc_name(account: BankAccount) -> str:
    return account.profile.full_name


def _result_apply(
    account: BankAccount, result: VerifierResult, *, actor: User, method: str, by_officer: bool
) -> BankAccount:
    """Move the account on the verifier's (or an officer's) answer and record it."""
    before = _snapshot(account)
    now = timezone.now()
    account.verification_method = method[:60]
    account.verification_reference = result.reference[:100]
    account.name_at_bank = result.name_at_bank[:150]
    if result.outcome == "unavailable":
        account.status_reason = result.reason[:300]
        account.save()
        audit_record(
            action="bank_account.check_deferred",
            actor=actor,
            target=account,
            before=before,
            after={**_snapshot(account), "method": method},
        )
        return account
    if result.outcome == "valid" and names_match(result.name_at_bank, _kyc_name(account)):
        account.verify()
        account.status_reason = ""
        account.verified_by = actor if by_officer else None
        account.verified_at = now
        if by_officer:
            account.officer_check_required = False
        action = "bank_account.verified"
    else:
        account.fail()
        account.verified_by, account.verified_at = (actor if by_officer else None), now
        account.status_reason = (
            result.reason
            if result.outcome != "valid"
            else f"The bank holds this account as “{result.name_at_bank}”, which is not "
            f"the name on your KYC, “{_kyc_name(account)}”."
        )[:300]
        action = "bank_account.verification_failed"
    account.save()
    audit_record(
        action=action,
        actor=actor,
        target=account,
        before=before,
        after={**_snapshot(account), "method": method, "name_at_bank": account.name_at_bank},
    )
    return account


def _automatic_check(account: BankAccount, *, actor: User) -> BankAccount:
    verifier = bank_verifier()
    result = verifier.verify(
        account_number=account.account_number, ifsc=account.ifsc, holder_name=account.holder_name
    )
    return _result_apply(account, result, actor=actor, method=verifier.name, by_officer=False)


@refusals_audited("bank_account.add_refused")
@transaction.atomic
def bank_account_add(
    *,
    acting_user: User,
    profile: BorrowerProfile,
    holder_name: str,
    account_number: str,
    ifsc: str,
) -> BankAccount:
    """Add the borrower's account for payouts; it replaces their current one. The
    configured verifier checks it at once unless an officer must (an offer is open)."""
    profile = BorrowerProfile.objects.select_for_update().get(pk=profile.pk)
    if acting_user.pk != profile.user_id and not acting_user.has_perm(ADD_FOR_OTHERS_PERM):
        raise DomainError("permission_denied", "You can only add a bank account of your own.")
    fields = bank_account_fields_clean(
        holder_name=holder_name, account_number=account_number, ifsc=ifsc
    )
    digest = crypto.keyed_hash(fields["account_number"])
    current = BankAccount.objects.filter(profile=profile, replaced_at__isnull=True).first()
    if (
        current is not None
        and current.account_number_hash == digest
        and current.ifsc == (fields["ifsc"])
    ):
        raise DomainError(
            "duplicate",
            "This is already your account for payouts.",
            errors={"account_number": ["already your current account"]},
        )
    now = timezone.now()
    if current is not None:
        current.replaced_at = now
        current.save(update_fields=["replaced_at"])
    branch = fields["branch"]
    account = BankAccount.objects.create(
        profile=profile,
        holder_name=fields["holder_name"],
        account_number=fields["account_number"],
        account_number_hash=digest,
        last4=fields["account_number"][-4:],
        ifsc=fields["ifsc"],
        bank_name=branch.bank,
        branch=branch.branch,
        added_by=acting_user,
    )
    # Listeners (the loans app) may require an officer's check here: an account changed
    # while an offer is open must not be paid on the automatic check alone.
    audit_record(
        action="bank_account.added",
        actor=acting_user,
        target=account,
        after={**_snapshot(account), "replaces": current.pk if current else None},
    )
    account.refresh_from_db(fields=["officer_check_required", "status_reason"])
    if account.officer_check_required:
        return account
    return _automatic_check(account, actor=acting_user)


def bank_account_require_officer(*, account: BankAccount, reason: str = OFFICER_CHECK_REASON):
    """Only an officer's verification counts for this account from now on (called inside
    the add's transaction by the loans app's listener; audited)."""
    BankAccount.objects.filter(pk=account.pk).update(
        officer_check_required=True, status_reason=reason[:300]
    )
    audit_record(
        action="bank_account.officer_check_required",
        target=account,
        after={"bank_account": account.pk, "reason": reason},
    )


def _lock_for_officer(acting_user: User, account: BankAccount) -> BankAccount:
    if not acting_user.has_perm(VERIFY_PERM):
        raise DomainError("permission_denied", "Only a loan officer can verify bank accounts.")
    locked = (
        BankAccount.objects.select_related("profile")
        .select_for_update(of=("self",))
        .get(pk=account.pk)
    )
    if locked.profile.user_id == acting_user.pk:
        raise DomainError(
            "maker_checker", "This is your own bank account; another officer must verify it."
        )
    if locked.added_by_id == acting_user.pk:
        raise DomainError(
            "maker_checker",
            f"You added bank account #{locked.pk}; another officer must verify it.",
        )
    if locked.replaced_at is not None:
        raise DomainError(
            "invalid_state",
            f"Bank account #{locked.pk} was replaced by a newer one; verify that one instead.",
        )
    if locked.status == BankAccountStatus.VERIFIED:
        raise DomainError("invalid_state", f"Bank account #{locked.pk} is already verified.")
    return locked


@refusals_audited("bank_account.verify_refused")
@transaction.atomic
def bank_account_verify(
    *,
    acting_user: User,
    account: BankAccount,
    name_seen: str = "",
    evidence: str = "",
) -> BankAccount:
    """An officer verifies the account: with no `name_seen`, by running the verifier;
    with one, from the document named by `evidence` (the name printed on it). Either way
    the name must match the KYC name (accounts.banking.names_match)."""
    locked = _lock_for_officer(acting_user, account)
    name_seen = " ".join((name_seen or "").split())
    if not name_seen:
        if evidence:
            raise DomainError(
                "validation_error",
                "Type the account holder's name as the document shows it.",
                errors={"name_seen": ["required with evidence"]},
            )
        verifier = bank_verifier()
        result = verifier.verify(
            account_number=locked.account_number, ifsc=locked.ifsc, holder_name=locked.holder_name
        )
        method = f"officer+{verifier.name}"
    else:
        if evidence not in EVIDENCE:
            raise DomainError(
                "validation_error",
                f"Say which document shows the name: {', '.join(EVIDENCE)}.",
                errors={"evidence": [f"one of: {', '.join(EVIDENCE)}"]},
            )
        result = VerifierResult("valid", name_at_bank=name_seen[:150])
        method = f"officer:{evidence}"
    return _result_apply(locked, result, actor=acting_user, method=method, by_officer=True)


def bank_account_recheck_after_name_change(*, profile: BorrowerProfile, actor: User | None):
    """The KYC name changed: the current account's verification no longer says the money
    goes to the borrower, so it goes back to pending and is checked again (listener on
    profile.updated, accounts.apps)."""
    account = (
        BankAccount.objects.select_for_update()
        .select_related("profile")
        .filter(profile=profile, replaced_at__isnull=True)
        .first()
    )
    if account is None or account.status != BankAccountStatus.VERIFIED:
        return None
    before = _snapshot(account)
    account.reopen()
    account.status_reason = "The name on the profile changed; the account is checked again."
    account.save()
    audit_record(
        action="bank_account.reopened",
        actor=actor,
        target=account,
        before=before,
        after=_snapshot(account),
    )
    account.refresh_from_db(fields=["officer_check_required", "status_reason"])
    if account.officer_check_required:
        return account
    return _automatic_check(account, actor=actor)
