"""Reads shared by the API, the officer console and the services: scoping rules (who may
see which KYC documents) and the masks PII wears wherever it is shown or recorded."""

from django.db.models import QuerySet

from accounts import crypto
from accounts.models import (
    AuditEvent,
    BankAccount,
    BorrowerProfile,
    KycDocument,
    RoleChange,
    User,
)
from accounts.validators import PAN_RE, normalize_pan

MASK = "*"


def mask_pan(pan: str | None) -> str:
    """ABCDE1234F -> ABCDE****F: enough to recognise a PAN, not enough to use one."""
    pan = normalize_pan(pan or "")
    if not pan:
        return ""
    if len(pan) != 10:
        return MASK * len(pan)
    return f"{pan[:5]}{MASK * 4}{pan[-1]}"


def mask_phone(phone: str | None) -> str:
    """+919812345678 -> +91******5678."""
    phone = (phone or "").strip()
    if not phone:
        return ""
    if len(phone) <= 4:
        return MASK * len(phone)
    prefix = "+91" if phone.startswith("+91") else ""
    middle = len(phone) - len(prefix) - 4
    return f"{prefix}{MASK * middle}{phone[-4:]}"


def mask_date(value) -> str:
    return "" if value in (None, "") else "****-**-**"


def profile_for_user(*, user: User) -> BorrowerProfile | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return BorrowerProfile.objects.select_related("user").filter(user=user).first()


def profiles_matching_pan(*, pan: str) -> QuerySet[BorrowerProfile]:
    """Exact PAN search through the keyed hash; the ciphertext is never compared."""
    pan = normalize_pan(pan).replace(" ", "")
    if not PAN_RE.match(pan):
        return BorrowerProfile.objects.none()
    return BorrowerProfile.objects.filter(pan_hash=crypto.keyed_hash(pan))


def can_view_all_kyc(user: User) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_staff
        and user.has_perm("accounts.view_kycdocument")
    )


def kyc_documents_visible_to(*, user: User) -> QuerySet[KycDocument]:
    """Officers with the view permission see every document; anyone else only their own
    (another borrower's document is simply not there, so the API answers 404)."""
    qs = KycDocument.objects.select_related("profile__user", "uploaded_by", "verified_by")
    if can_view_all_kyc(user):
        return qs.order_by("-uploaded_at", "-id")
    return qs.filter(profile__user=user).order_by("-uploaded_at", "-id")


def kyc_documents_of_user(*, user: User) -> QuerySet[KycDocument]:
    return (
        KycDocument.objects.select_related("profile")
        .filter(profile__user=user)
        .order_by("-uploaded_at", "-id")
    )


def audit_events_for_target(*, target_type: str, target_id) -> QuerySet[AuditEvent]:
    return AuditEvent.objects.filter(target_type=target_type, target_id=str(target_id)).order_by(
        "created_at", "id"
    )


# --- Bank accounts -------------------------------------------------------------------


def bank_account_current(*, user: User) -> BankAccount | None:
    """The one account a payout to `user` may go to (verified or not: callers check)."""
    return (
        BankAccount.objects.select_related("profile")
        .filter(profile__user=user, replaced_at__isnull=True)
        .first()
    )


def bank_accounts_of_user(*, user: User) -> QuerySet[BankAccount]:
    return (
        BankAccount.objects.select_related("profile")
        .filter(profile__user=user)
        .order_by("-created_at", "-id")
    )


def can_view_all_bank_accounts(user: User) -> bool:
    return bool(
        getattr(user, "is_authenticated", False)
        and user.is_staff
        and user.has_perm("accounts.view_bankaccount")
    )


def bank_accounts_visible_to(*, user: User) -> QuerySet[BankAccount]:
    """Officers with the view permission see every account; anyone else only their own
    (another person's account is simply not there: 404)."""
    qs = BankAccount.objects.select_related("profile__user", "added_by", "verified_by")
    if not can_view_all_bank_accounts(user):
        qs = qs.filter(profile__user=user)
    return qs.order_by("-created_at", "-id")


def role_changes_waiting_for(user):
    """Proposed role changes `user` may decide: not proposed by them and not about their
    own account (maker-checker, accounts.services.roles)."""
    return RoleChange.objects.filter(status="proposed").exclude(proposed_by=user).exclude(user=user)
