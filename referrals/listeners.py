"""Reactions to the lower apps' events (lendingsite.audit.audit_listen): a sign-up that
named a code, a verified email, a disbursed loan, a cooling-off cancellation."""

from django.contrib.auth import get_user_model

from lendingsite.audit import audit_listen
from loans.models import Loan
from referrals.services.codes import (
    referral_code_issue,
    referral_record,
    referral_signup_traces_erase,
)
from referrals.services.rewards import referral_reward_create, referral_reward_void_for_exit


@audit_listen("auth.registered")
def _registered(*, event, target):
    typed = (event.after or {}).get("referral_code") or ""
    if typed and target is not None:
        referral_record(referred=target, typed_code=typed)


@audit_listen("auth.email_verified")
def _verified(*, event, target):
    user = target if isinstance(target, get_user_model()) else None
    if user is not None and not user.is_staff:
        referral_code_issue(user=user)


@audit_listen("loan.disbursed")
def _disbursed(*, event, target):
    if isinstance(target, Loan):
        referral_reward_create(loan=target, business_date=target.disbursed_on)


@audit_listen("loan.cancelled")
def _cancelled(*, event, target):
    if isinstance(target, Loan):
        referral_reward_void_for_exit(loan=target)


@audit_listen("privacy.erasure_completed")
def _erased(*, event, target):
    user_id = (event.after or {}).get("user")
    if user_id:
        referral_signup_traces_erase(user_id=user_id)
