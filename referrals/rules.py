"""The programme's rules as plain functions of plain facts (no database): whether a reward
is due, whether it is earned yet, and which fraud checks flag it. The services gather the
facts (referrals.selectors) and apply these. docs/referrals.md explains each rule."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

# Reason codes shown to officers (stable: stored on rewards, counted in the report).
SAME_PAN = "same_pan"
SAME_PHONE = "same_phone"
SAME_BANK_ACCOUNT = "same_bank_account"
SAME_DEVICE = "same_device"
IP_VELOCITY = "ip_velocity"
BURST = "burst"
COOLING_OFF_EXIT = "cooling_off_exit"
CIRCULAR = "circular"

REASONS: dict[str, str] = {
    SAME_PAN: "Same PAN as the referrer",
    SAME_PHONE: "Same mobile number as the referrer",
    SAME_BANK_ACCOUNT: "Same bank account as the referrer",
    SAME_DEVICE: "Signed up from the referrer's device or IP address",
    IP_VELOCITY: "Too many referred sign-ups from one IP address",
    BURST: "Too many referrals by this referrer in a short window",
    COOLING_OFF_EXIT: "Referred loan closed or cancelled within its cooling-off period",
    CIRCULAR: "Circular referral (the referrer was referred, directly or not, by this person)",
}


@dataclass(frozen=True)
class Person:
    """What the checks compare of one person: hashes, never the clear values, except the
    phone (stored encrypted, compared after normalisation, never shown)."""

    user_id: int
    pan_hash: str | None = None
    phone: str = ""
    bank_hashes: frozenset[str] = frozenset()
    ips: frozenset[str] = frozenset()
    devices: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Facts:
    referrer: Person
    referred: Person
    signup_ip: str | None
    signup_device: str
    signed_up_at: datetime
    # Referred sign-ups (any referrer) from the same IP address, this one included.
    signups_from_ip: int
    # This referrer's referrals' sign-up times.
    referrer_signups: list[datetime] = field(default_factory=list)
    # Who referred whom, as referred user id → referrer user id, for the cycle check.
    referred_by: dict[int, int] = field(default_factory=dict)
    loan_status: str = "active"
    loan_closed_on: date | None = None
    cooling_off_until: date | None = None


@dataclass(frozen=True)
class Limits:
    max_signups_per_ip: int
    burst_count: int
    burst_hours: int


ENDED = ("closed", "foreclosed", "cancelled")


def fraud_reasons(facts: Facts, limits: Limits) -> list[str]:
    """Every reason code that applies, in REASONS order; empty for a clean referral."""
    a, b = facts.referrer, facts.referred
    found = set()
    if a.pan_hash and a.pan_hash == b.pan_hash:
        found.add(SAME_PAN)
    if a.phone and a.phone == b.phone:
        found.add(SAME_PHONE)
    if a.bank_hashes & b.bank_hashes:
        found.add(SAME_BANK_ACCOUNT)
    if (facts.signup_ip and facts.signup_ip in a.ips) or (
        facts.signup_device and facts.signup_device in a.devices
    ):
        found.add(SAME_DEVICE)
    if facts.signup_ip and facts.signups_from_ip > limits.max_signups_per_ip:
        found.add(IP_VELOCITY)
    if _burst(facts, limits):
        found.add(BURST)
    ended_early = (
        facts.loan_status in ENDED
        and facts.cooling_off_until is not None
        and facts.loan_closed_on is not None
        and facts.loan_closed_on <= facts.cooling_off_until
    )
    if ended_early or facts.loan_status == "cancelled":
        found.add(COOLING_OFF_EXIT)
    if is_circular(referrer=a.user_id, referred=b.user_id, referred_by=facts.referred_by):
        found.add(CIRCULAR)
    return [code for code in REASONS if code in found]


def _burst(facts: Facts, limits: Limits) -> bool:
    """`burst_count` or more of the referrer's sign-ups fall within `burst_hours` of this one."""
    window = timedelta(hours=limits.burst_hours)
    near = [t for t in facts.referrer_signups if abs(t - facts.signed_up_at) <= window]
    return len(near) >= limits.burst_count


def is_circular(*, referrer: int, referred: int, referred_by: dict[int, int]) -> bool:
    """True when following "who referred whom" up from the referrer reaches the referred
    person (A referred B, B referred A; or longer rings)."""
    seen = set()
    current = referred_by.get(referrer)
    while current is not None and current not in seen:
        if current == referred:
            return True
        seen.add(current)
        current = referred_by.get(current)
    return False


def first_installment_on_time(
    *, due_date: date | None, paid_on: date | None, fully_paid: bool
) -> bool:
    return bool(fully_paid and due_date and paid_on and paid_on <= due_date)


def month_bounds(day: date) -> tuple[date, date]:
    start = day.replace(day=1)
    following = (start + timedelta(days=32)).replace(day=1)
    return start, following - timedelta(days=1)
