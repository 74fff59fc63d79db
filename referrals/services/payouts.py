"""Paying earned rewards: the batch job (Celery task referrals.pay_rewards, command
`manage.py pay_referral_rewards`). Each reward is paid in its own transaction, under a
row lock, only while it is `earned`: a retry, a second run or two workers at once pay it
once. Ledger entries: docs/referrals.md."""

from datetime import date

from django.db import transaction

from accounts.models import BankAccount, BankAccountStatus
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.errors import DomainError
from loans import ledger
from loans.models import Loan, LoanStatus
from referrals.models import PayoutMethod, Reward, RewardStatus
from repayments.models import Channel, PaymentSource
from repayments.services.payments import payment_post

PAY_PERM = "referrals.pay_reward"
KIND = "referral_reward"


def reward_utr(reward: Reward) -> str:
    """The reference of the reward's payment: unique per reward, so the payments table's
    UTR constraint refuses a second credit even if everything else failed."""
    return f"RWD{reward.pk:012d}"


def _target(reward: Reward) -> tuple[str, Loan | BankAccount] | None:
    referrer = reward.referral.referrer_id
    loan = (
        Loan.objects.filter(borrower_id=referrer, status=LoanStatus.ACTIVE)
        .order_by("disbursed_on", "id")
        .first()
    )
    if loan is not None:
        return PayoutMethod.LOAN_CREDIT, loan
    account = BankAccount.objects.filter(
        profile__user_id=referrer, status=BankAccountStatus.VERIFIED, replaced_at__isnull=True
    ).first()
    if account is not None:
        return PayoutMethod.BANK_PAYOUT, account
    return None


@refusals_audited("referral_reward.pay_refused")
@transaction.atomic
def referral_reward_pay(*, reward: Reward, business_date: date, acting_user=None) -> Reward:
    """Pay one earned reward: as a payment on the referrer's active loan (allocated like
    any payment: dues first, the rest a prepayment), or else as a payout queued to their
    verified bank account. No loan and no verified account: it stays earned."""
    if acting_user is not None and not acting_user.has_perm(PAY_PERM):
        raise DomainError("permission_denied", "Only finance can pay referral rewards.")
    reward = Reward.objects.select_for_update().select_related("referral").get(pk=reward.pk)
    reward.paid_now = False  # whether this call paid it (the batch counts on it)
    if reward.status != RewardStatus.EARNED:
        return reward  # paid by an earlier run or another worker, or voided: nothing to do
    target = _target(reward)
    if target is None:
        return reward
    method, where = target
    memo = f"Referral reward {reward.pk} for referral {reward.referral_id}"
    if method == PayoutMethod.LOAN_CREDIT:
        payment = payment_post(
            acting_user=None,
            loan=where,
            amount=reward.amount,
            paid_on=business_date,
            channel=Channel.NEFT,
            utr=reward_utr(reward),
            source=PaymentSource.SYSTEM,
            business_date=business_date,
        )
        # The payment booked Dr Bank; the money came from the rewards budget, not a
        # borrower: Dr Referral Expense, Cr Bank.
        entry = ledger.journal_post(
            entry_date=business_date,
            kind=KIND,
            loan=where,
            reference=payment.utr,
            memo=memo,
            acting_user=acting_user,
            lines=[
                ledger.Dr(ledger.REFERRAL_EXPENSE, reward.amount),
                ledger.Cr(ledger.BANK, reward.amount),
            ],
        )
        reward.payment = payment
    else:
        # Owed to the referrer until the bank transfer goes out (Referral Payable).
        entry = ledger.journal_post(
            entry_date=business_date,
            kind=KIND,
            reference=reward_utr(reward),
            memo=f"{memo}, to account {where.masked_number} ({where.ifsc})",
            acting_user=acting_user,
            lines=[
                ledger.Dr(ledger.REFERRAL_EXPENSE, reward.amount),
                ledger.Cr(ledger.REFERRAL_PAYABLE, reward.amount),
            ],
        )
        reward.bank_account = where
    reward.pay()
    reward.paid_now = True
    reward.paid_on = business_date
    reward.payout_method = method
    reward.journal_entry = entry
    reward.save(
        update_fields=[
            "status",
            "paid_on",
            "payout_method",
            "journal_entry",
            "payment",
            "bank_account",
        ]
    )
    audit_record(
        action="referral_reward.paid",
        actor=acting_user,
        target=reward,
        before={"status": RewardStatus.EARNED},
        after={
            "status": reward.status,
            "method": method,
            "amount": reward.amount,
            "loan": where.pk if method == PayoutMethod.LOAN_CREDIT else None,
            "bank_account": where.pk if method == PayoutMethod.BANK_PAYOUT else None,
            "journal_entry": entry.pk,
        },
    )
    return reward


def referral_rewards_pay(*, business_date: date, acting_user=None) -> dict:
    """The batch: every earned reward, each in its own transaction (one failure does not
    stop the others and leaves its reward earned for the next run). Counts what this run
    paid, what has nowhere to go yet, what failed, and what another worker took first."""
    counts = {"paid": 0, "waiting": 0, "failed": 0, "skipped": 0}
    ids = list(
        Reward.objects.filter(status=RewardStatus.EARNED)
        .order_by("id")
        .values_list("pk", flat=True)
    )
    for pk in ids:
        try:
            reward = referral_reward_pay(
                reward=Reward(pk=pk), business_date=business_date, acting_user=acting_user
            )
        except DomainError:
            counts["failed"] += 1
            continue
        if reward.paid_now:
            counts["paid"] += 1
        elif reward.status == RewardStatus.EARNED:
            counts["waiting"] += 1  # no active loan and no verified bank account
        else:
            counts["skipped"] += 1  # paid by another worker meanwhile, or voided
    return counts
