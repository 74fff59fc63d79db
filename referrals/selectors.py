"""Reads shared by the console, the API and the borrower's page."""

from collections import Counter
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.db.models import Count, Q, Sum

from accounts.models import AuditEvent, BankAccount, BorrowerProfile
from lendingsite import refcode
from lendingsite.dates import today_ist
from loans.models import Installment, Loan
from referrals import rules
from referrals.models import (
    Programme,
    Referral,
    ReferralCode,
    ReviewState,
    Reward,
    RewardStatus,
)
from referrals.services.codes import device_fingerprint

ZERO = Decimal("0.00")
# Audit actions whose ip / user agent say which devices a person used.
_DEVICE_ACTIONS = ("auth.logged_in", "auth.registered", "auth.email_verified")


def programme_in_force(day: date) -> Programme | None:
    return (
        Programme.objects.filter(is_active=True, starts_on__lte=day)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=day))
        .order_by("-starts_on", "-id")
        .first()
    )


def programme_today() -> Programme | None:
    return programme_in_force(today_ist())


def share_link(code: str) -> str:
    return f"{settings.SITE_URL.rstrip('/')}/accounts/register/?ref={refcode.display(code)}"


def first_name(full_name: str) -> str:
    """All the referrer may see of the person they referred (docs/referrals.md)."""
    parts = (full_name or "").split()
    return parts[0] if parts else "—"


def referrals_of(user):
    """The referrer's own referrals with their reward: one query (+ nothing per row)."""
    return (
        Referral.objects.filter(referrer=user)
        .select_related("referred", "reward")
        .only(
            "id",
            "created_at",
            "referred__full_name",
            "reward__status",
            "reward__amount",
            "reward__review_state",
            "reward__paid_on",
        )
        .order_by("-created_at", "-id")
    )


def referral_status(referral: Referral) -> str:
    """What the referrer is told: their referral's progress in plain words, never why a
    reward is held (fraud reasons are for officers)."""
    reward = getattr(referral, "reward", None)
    if reward is None:
        return "Signed up"
    if reward.status == RewardStatus.PENDING:
        return "Loan taken: reward pending"
    return {
        RewardStatus.EARNED: "Reward earned",
        RewardStatus.PAID: "Reward paid",
        RewardStatus.VOID: "No reward",
    }[reward.status]


def rewards_for(user):
    """Rewards the caller may see: staff with the view permission all of them; a borrower
    only their own (as referrer)."""
    qs = Reward.objects.select_related(
        "referral__referrer", "referral__referred", "programme", "loan"
    )
    if user.has_perm("referrals.view_reward"):
        return qs
    return qs.filter(referral__referrer=user)


def review_queue():
    return rewards_for_staff().filter(status=RewardStatus.PENDING, review_state="flagged")


def rewards_for_staff():
    return Reward.objects.select_related(
        "referral__referrer", "referral__referred", "programme", "loan"
    )


# --- facts for the fraud checks --------------------------------------------------------


def _person(user, *, bank_hashes, ips, devices) -> rules.Person:
    profile = BorrowerProfile.objects.filter(user=user).only("pan_hash", "phone").first()
    return rules.Person(
        user_id=user.pk,
        pan_hash=profile.pan_hash if profile else None,
        phone=(profile.phone or "") if profile else "",
        bank_hashes=frozenset(bank_hashes),
        ips=frozenset(ips),
        devices=frozenset(devices),
    )


def fraud_facts(reward: Reward) -> rules.Facts:
    referral = reward.referral
    referrer, referred = referral.referrer, referral.referred
    banks = BankAccount.objects.filter(profile__user__in=(referrer, referred)).values_list(
        "profile__user_id", "account_number_hash"
    )
    bank_by_user: dict[int, set[str]] = {referrer.pk: set(), referred.pk: set()}
    for user_id, digest in banks:
        bank_by_user[user_id].add(digest)
    seen = AuditEvent.objects.filter(actor=referrer, action__in=_DEVICE_ACTIONS).values_list(
        "ip", "user_agent"
    )
    ips = {ip for ip, _ in seen if ip}
    devices = {device_fingerprint(ua) for _, ua in seen if ua}
    loan = reward.loan
    return rules.Facts(
        referrer=_person(referrer, bank_hashes=bank_by_user[referrer.pk], ips=ips, devices=devices),
        referred=_person(referred, bank_hashes=bank_by_user[referred.pk], ips=(), devices=()),
        signup_ip=referral.signup_ip,
        signup_device=referral.signup_device,
        signed_up_at=referral.created_at,
        signups_from_ip=(
            Referral.objects.filter(signup_ip=referral.signup_ip).count()
            if referral.signup_ip
            else 0
        ),
        referrer_signups=list(
            Referral.objects.filter(referrer=referrer)
            .exclude(pk=referral.pk)
            .values_list("created_at", flat=True)
        ),
        referred_by=_chain_above(referrer.pk),
        loan_status=loan.status,
        loan_closed_on=loan.closed_on,
        cooling_off_until=loan.cooling_off_until,
    )


def _chain_above(user_id: int, depth: int = 50) -> dict[int, int]:
    """Who referred whom, from `user_id` upwards (one query a level, at most `depth`)."""
    chain: dict[int, int] = {}
    current = user_id
    for _ in range(depth):
        up = (
            Referral.objects.filter(referred_id=current)
            .values_list("referrer_id", flat=True)
            .first()
        )
        if up is None or up in chain:
            break
        chain[current] = up
        current = up
    return chain


def first_installment(loan: Loan) -> Installment | None:
    return Installment.objects.filter(loan=loan).order_by("number").first()


def rewards_this_month(*, referrer, day: date) -> int:
    start, end = rules.month_bounds(day)
    return (
        Reward.objects.filter(referral__referrer=referrer, created_on__range=(start, end))
        .exclude(status=RewardStatus.VOID)
        .count()
    )


# --- the console's report ----------------------------------------------------------------

REPORT_COLUMNS = [
    ("referrals", "Referrals (sign-ups with a code)"),
    ("converted", "Referred borrowers with a disbursed loan"),
    ("conversion_percent", "Conversion to loans (%)"),
    ("rewards_pending", "Rewards pending"),
    ("rewards_earned", "Rewards earned (not yet paid)"),
    ("rewards_paid", "Rewards paid"),
    ("amount_paid", "Amount paid (₹)"),
    ("rewards_void", "Rewards voided"),
    ("flagged", "Rewards flagged (any reason)"),
    *[(f"flagged_{code}", f"Flagged: {label}") for code, label in rules.REASONS.items()],
]


def referral_report(*, date_from: date | None = None, date_to: date | None = None) -> dict:
    """Counts over referrals signed up between the dates (inclusive, IST), in a handful of
    aggregate queries whatever the volume."""
    referrals = Referral.objects.all()
    if date_from:
        referrals = referrals.filter(created_at__date__gte=date_from)
    if date_to:
        referrals = referrals.filter(created_at__date__lte=date_to)
    total = referrals.count()
    converted = (
        Loan.objects.filter(borrower__referred_by__in=referrals, disbursed_on__isnull=False)
        .values("borrower")
        .distinct()
        .count()
    )
    rewards = Reward.objects.filter(referral__in=referrals)
    by_status = dict(
        rewards.values_list("status").annotate(n=Count("id")).values_list("status", "n")
    )
    paid = rewards.filter(status=RewardStatus.PAID).aggregate(s=Sum("amount"))["s"] or ZERO
    reasons: Counter[str] = Counter()
    flagged = 0
    held = rewards.filter(review_state__in=(ReviewState.FLAGGED, ReviewState.APPROVED))
    for flags in held.values_list("flags", flat=True):
        if flags:
            flagged += 1
            reasons.update(flags)
    row = {
        "referrals": total,
        "converted": converted,
        "conversion_percent": (
            (Decimal(converted) * 100 / total).quantize(Decimal("0.1")) if total else Decimal("0.0")
        ),
        "rewards_pending": by_status.get(RewardStatus.PENDING, 0),
        "rewards_earned": by_status.get(RewardStatus.EARNED, 0),
        "rewards_paid": by_status.get(RewardStatus.PAID, 0),
        "amount_paid": paid,
        "rewards_void": by_status.get(RewardStatus.VOID, 0),
        "flagged": flagged,
    }
    for code in rules.REASONS:
        row[f"flagged_{code}"] = reasons.get(code, 0)
    return row


def code_of(user) -> ReferralCode | None:
    return ReferralCode.objects.filter(user=user).first()
