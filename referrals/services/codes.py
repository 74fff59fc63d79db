"""Issuing codes and recording who referred whom."""

import hashlib

from django.db import IntegrityError, transaction

from lendingsite import context, refcode
from lendingsite.audit import audit_record
from referrals.models import Referral, ReferralCode

_ISSUE_ATTEMPTS = 5


def device_fingerprint(user_agent: str) -> str:
    """What the fraud check compares of a browser: a hash of its user agent string (a coarse
    fingerprint; docs/referrals.md says what it can and cannot tell)."""
    ua = (user_agent or "").strip()
    return hashlib.sha256(ua.encode()).hexdigest()[:32] if ua else ""


@transaction.atomic
def referral_code_issue(*, user, acting_user=None) -> ReferralCode:
    """The borrower's code, issued on first use (a verified borrower gets one when they
    verify their email; older accounts on first visit). Never changes once issued."""
    existing = ReferralCode.objects.filter(user=user).first()
    if existing is not None:
        return existing
    for _ in range(_ISSUE_ATTEMPTS):
        try:
            with transaction.atomic():
                issued = ReferralCode.objects.create(user=user, code=refcode.generate())
            break
        except IntegrityError:
            # A code clash (one in 2^55 per pair) or a concurrent issue for the same user.
            existing = ReferralCode.objects.filter(user=user).first()
            if existing is not None:
                return existing
    else:  # pragma: no cover - five clashes in a row do not happen
        raise RuntimeError("could not issue a unique referral code")
    audit_record(
        action="referral_code.issued",
        actor=acting_user or user,
        target=issued,
        after={"user": user.pk, "code": issued.code},
    )
    return issued


def referral_record(*, referred, typed_code: str) -> Referral | None:
    """Record that `referred` signed up with a code (called inside the sign-up's
    transaction). A code that is well formed but names nobody (or the person themselves)
    is ignored and audited; sign-up never tells a caller whether a code exists. Returns
    the referral, or None."""
    code = refcode.canonical(typed_code)
    if code is None:
        return None
    owner = ReferralCode.objects.filter(code=code).select_related("user").first()
    if owner is None or owner.user_id == referred.pk or not owner.user.is_active:
        audit_record(
            action="referral.ignored",
            actor=referred,
            target=referred,
            after={"code": code, "reason": "unknown code" if owner is None else "not usable"},
        )
        return None
    ctx = context.current()
    referral, created = Referral.objects.get_or_create(
        referred=referred,
        defaults={
            "referrer": owner.user,
            "code": code,
            "signup_ip": ctx.ip,
            "signup_device": device_fingerprint(ctx.user_agent),
        },
    )
    if created:
        audit_record(
            action="referral.recorded",
            actor=referred,
            target=referral,
            after={"referrer": owner.user_id, "referred": referred.pk, "code": code},
        )
    return referral


def referral_signup_traces_erase(*, user_id: int) -> int:
    """A borrower's erasure (accounts.services.privacy) also removes where their referred
    sign-up came from (IP address, device hash); who referred whom stays, as the record of
    a reward that may have been paid. Called inside the erasure's transaction."""
    return Referral.objects.filter(referred_id=user_id).update(signup_ip=None, signup_device="")
