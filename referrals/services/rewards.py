"""A reward's life: created when the referred loan is disbursed, earned when the
programme's rule is met and no fraud check flags it (or two officers approve it), void
when the loan is cancelled in cooling-off or two officers void it. Paying: payouts.py."""

from datetime import date

from django.db import transaction
from django_fsm import can_proceed

from lendingsite.audit import audit_record, refusals_audited
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.models import Loan
from referrals import rules, selectors
from referrals.models import (
    EarnRule,
    Programme,
    Referral,
    ReviewState,
    Reward,
    RewardStatus,
)

REVIEW_PERM = "referrals.review_reward"
APPROVE, VOID = "approve", "void"


def _store(reward: Reward, *fields: str) -> None:
    """Write these fields of the row. An UPDATE whose row count nobody reads: the void on
    a cooling-off cancellation runs inside payment_post's pipeline (lendingsite.rawsql),
    where save(update_fields=…) cannot read the count back and takes the write for a
    failure."""
    Reward.objects.filter(pk=reward.pk).update(**{f: getattr(reward, f) for f in fields})


@transaction.atomic
def referral_reward_create(*, loan: Loan, business_date: date | None = None) -> Reward | None:
    """On disbursement: a pending reward for the borrower's referrer, if they were referred,
    a programme is in force and this is their first disbursed loan. A referrer past the
    month's cap gets a reward recorded as void (so the report shows it), never paid."""
    day = business_date or loan.disbursed_on or today_ist()
    referral = Referral.objects.filter(referred_id=loan.borrower_id).first()
    if referral is None or Reward.objects.filter(referral=referral).exists():
        return None
    programme = selectors.programme_in_force(day)
    if programme is None:
        return None
    reward = Reward(
        referral=referral,
        programme=programme,
        loan=loan,
        amount=programme.reward_amount,
        created_on=day,
    )
    capped = (
        selectors.rewards_this_month(referrer=referral.referrer, day=day)
        >= programme.monthly_cap_per_referrer
    )
    if capped:
        reward.void()
        reward.void_reason = f"Monthly cap of {programme.monthly_cap_per_referrer} rewards reached."
    reward.save()
    audit_record(
        action="referral_reward.created",
        target=reward,
        after={
            "referral": referral.pk,
            "loan": loan.pk,
            "amount": reward.amount,
            "programme": programme.pk,
            "status": reward.status,
            "void_reason": reward.void_reason,
        },
    )
    return reward


def _rule_met(reward: Reward, day: date) -> bool:
    loan = reward.loan
    if loan.disbursed_on is None:
        return False
    # Not before the cooling-off period is over: an exit within it earns nothing.
    if loan.cooling_off_until and day <= loan.cooling_off_until:
        return False
    if reward.programme.earn_rule == EarnRule.DISBURSED:
        return True
    first = selectors.first_installment(loan)
    return first is not None and rules.first_installment_on_time(
        due_date=first.due_date, paid_on=first.paid_on, fully_paid=first.owed == 0
    )


@transaction.atomic
def referral_reward_evaluate(*, reward: Reward, business_date: date) -> Reward:
    """Move a pending reward on when it can: earned if the rule is met and no fraud check
    flags it; held in the review queue with the reasons otherwise. A reward already
    flagged, or no longer pending, is left alone."""
    reward = (
        Reward.objects.select_for_update()
        .select_related("referral__referrer", "referral__referred", "programme", "loan")
        .get(pk=reward.pk)
    )
    if reward.status != RewardStatus.PENDING or reward.review_state:
        return reward
    if not _rule_met(reward, business_date):
        return reward
    programme = reward.programme
    reasons = rules.fraud_reasons(
        selectors.fraud_facts(reward),
        rules.Limits(
            max_signups_per_ip=programme.max_signups_per_ip,
            burst_count=programme.burst_count,
            burst_hours=programme.burst_hours,
        ),
    )
    if reasons:
        reward.flags = reasons
        reward.review_state = ReviewState.FLAGGED
        _store(reward, "flags", "review_state")
        audit_record(action="referral_reward.flagged", target=reward, after={"flags": reasons})
        return reward
    reward.earn()
    reward.earned_on = business_date
    _store(reward, "status", "earned_on")
    audit_record(
        action="referral_reward.earned",
        target=reward,
        before={"status": RewardStatus.PENDING},
        after={"status": reward.status, "earned_on": business_date},
    )
    return reward


def referral_rewards_evaluate(*, business_date: date) -> dict:
    """Every pending, unflagged reward (the daily job; each in its own transaction)."""
    counts = {"earned": 0, "flagged": 0, "waiting": 0}
    ids = Reward.objects.filter(status=RewardStatus.PENDING, review_state="").values_list(
        "pk", flat=True
    )
    for pk in list(ids):
        reward = referral_reward_evaluate(reward=Reward(pk=pk), business_date=business_date)
        if reward.status == RewardStatus.EARNED:
            counts["earned"] += 1
        elif reward.review_state == ReviewState.FLAGGED:
            counts["flagged"] += 1
        else:
            counts["waiting"] += 1
    return counts


@transaction.atomic
def referral_reward_void_for_exit(*, loan: Loan) -> Reward | None:
    """The referred loan was cancelled in its cooling-off period: its unpaid reward is void."""
    reward = Reward.objects.select_for_update().filter(loan=loan).first()
    if reward is None or not can_proceed(reward.void):
        return None
    before = reward.status
    reward.void()
    reward.void_reason = rules.REASONS[rules.COOLING_OFF_EXIT]
    if rules.COOLING_OFF_EXIT not in reward.flags:
        reward.flags = [*reward.flags, rules.COOLING_OFF_EXIT]
    _store(reward, "status", "void_reason", "flags")
    audit_record(
        action="referral_reward.voided",
        target=reward,
        before={"status": before},
        after={"status": reward.status, "reason": reward.void_reason, "loan_status": loan.status},
    )
    return reward


@refusals_audited("referral_reward.review_refused")
@transaction.atomic
def referral_reward_decide(
    *,
    acting_user,
    reward: Reward,
    decision: str,
    reason: str = "",
    business_date: date | None = None,
) -> Reward:
    """Approve (a flagged reward becomes earned) or void (a pending or earned one), by two
    officers: the first call proposes the decision, a second officer making the same
    decision applies it. The proposer cannot confirm their own (403 `maker_checker`); a
    different decision replaces the proposal. Proposing a void needs a reason."""
    if not acting_user.has_perm(REVIEW_PERM):
        raise DomainError("permission_denied", "Only reviewing officers can decide rewards.")
    if decision not in (APPROVE, VOID):
        raise DomainError(
            "validation_error", "Decide approve or void.", errors={"decision": ["unknown"]}
        )
    reason = (reason or "").strip()
    reward = Reward.objects.select_for_update().get(pk=reward.pk)
    if decision == VOID and not reason and reward.proposed_decision != VOID:
        raise DomainError(
            "validation_error", "Give the reason for voiding.", errors={"reason": ["required"]}
        )
    if decision == APPROVE and not (
        reward.status == RewardStatus.PENDING and reward.review_state == ReviewState.FLAGGED
    ):
        raise DomainError("invalid_state", f"Reward {reward.pk} is not waiting for review.")
    if decision == VOID and not can_proceed(reward.void):
        raise DomainError(
            "invalid_state", f"Reward {reward.pk} is {reward.status}; it can no longer be voided."
        )
    day = business_date or today_ist()
    before = {"status": reward.status, "review_state": reward.review_state}
    if reward.proposed_decision != decision:
        reward.proposed_decision = decision
        reward.proposed_reason = reason[:300]
        reward.proposed_by = acting_user
        _store(reward, "proposed_decision", "proposed_reason", "proposed_by")
        audit_record(
            action="referral_reward.decision_proposed",
            actor=acting_user,
            target=reward,
            before=before,
            after={"decision": decision, "reason": reason},
        )
        return reward
    if reward.proposed_by_id == acting_user.pk:
        raise DomainError(
            "maker_checker",
            f"You proposed to {decision} reward {reward.pk}; another officer must confirm it.",
        )
    reward.decided_by = acting_user
    if decision == APPROVE:
        reward.earn()
        reward.earned_on = day
        reward.review_state = ReviewState.APPROVED
        action = "referral_reward.approved"
    else:
        reward.void()
        reward.void_reason = reward.proposed_reason or reason[:300]
        action = "referral_reward.voided"
    _store(reward, "status", "earned_on", "review_state", "void_reason", "decided_by")
    audit_record(
        action=action,
        actor=acting_user,
        target=reward,
        before=before,
        after={
            "status": reward.status,
            "proposed_by": reward.proposed_by_id,
            "reason": reward.proposed_reason or reason,
            "flags": reward.flags,
        },
    )
    return reward


PROGRAMME_FIELDS = (
    "name",
    "is_active",
    "starts_on",
    "ends_on",
    "reward_amount",
    "earn_rule",
    "monthly_cap_per_referrer",
    "max_signups_per_ip",
    "burst_count",
    "burst_hours",
)


@refusals_audited("referral_programme.save_refused")
@transaction.atomic
def referral_programme_save(
    *, acting_user, programme: Programme | None = None, **values
) -> Programme:
    """Create or change the programme's rules (credit managers)."""
    if not acting_user.has_perm("referrals.change_programme"):
        raise DomainError("permission_denied", "Only credit managers can set the programme.")
    creating = programme is None or programme.pk is None
    programme = programme or Programme()
    before = (
        {}
        if creating
        else {f: getattr(Programme.objects.get(pk=programme.pk), f) for f in PROGRAMME_FIELDS}
    )
    for name, value in values.items():
        if name not in PROGRAMME_FIELDS:
            raise DomainError(
                "validation_error", f"Unknown field {name}.", errors={name: ["unknown"]}
            )
        setattr(programme, name, value)
    if programme.reward_amount is None or programme.reward_amount <= 0:
        raise DomainError(
            "validation_error",
            "The reward must be more than ₹0.",
            errors={"reward_amount": ["must be positive"]},
        )
    if programme.ends_on and programme.starts_on and programme.ends_on < programme.starts_on:
        raise DomainError(
            "validation_error",
            "The programme cannot end before it starts.",
            errors={"ends_on": ["before the start"]},
        )
    programme.save()
    audit_record(
        action="referral_programme.created" if creating else "referral_programme.updated",
        actor=acting_user,
        target=programme,
        before=before,
        after={f: getattr(programme, f) for f in PROGRAMME_FIELDS},
    )
    return programme
