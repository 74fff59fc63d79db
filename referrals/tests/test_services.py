from datetime import timedelta
from decimal import Decimal

import pytest

from accounts.roles import CREDIT_MANAGER, FINANCE, LOAN_OFFICER
from accounts.tests.factories import staff
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans import ledger
from loans.models import JournalEntry, Loan
from loans.tests.factories import active_loan
from referrals.models import EarnRule, Reward, RewardStatus
from referrals.services.payouts import referral_rewards_pay
from referrals.services.rewards import (
    referral_reward_decide,
    referral_reward_evaluate,
)
from referrals.tests.factories import (
    pay_first_installment,
    programme,
    referred_loan,
    referred_pair,
)
from repayments.models import Payment
from repayments.tests.factories import pay_exit

pytestmark = pytest.mark.django_db


def _earned_reward():
    programme()
    referral = referred_pair()
    loan = referred_loan(referral)
    pay_first_installment(loan)
    reward = Reward.objects.get(referral=referral)
    return referral_reward_evaluate(reward=reward, business_date=today_ist())


def test_disbursement_creates_a_pending_reward_for_the_referrer():
    programme(reward_amount=Decimal("750.00"))
    referral = referred_pair()
    loan = referred_loan(referral)
    reward = Reward.objects.get(referral=referral)
    assert (reward.status, reward.amount, reward.loan_id) == ("pending", Decimal("750.00"), loan.pk)


def test_no_programme_in_force_no_reward():
    programme(is_active=False)
    referral = referred_pair()
    referred_loan(referral)
    assert not Reward.objects.exists()


def test_reward_waits_until_first_installment_paid_on_time():
    programme()
    referral = referred_pair()
    loan = referred_loan(referral)
    reward = Reward.objects.get(referral=referral)
    assert referral_reward_evaluate(reward=reward, business_date=today_ist()).status == "pending"
    pay_first_installment(loan)
    reward = referral_reward_evaluate(reward=reward, business_date=today_ist())
    assert reward.status == RewardStatus.EARNED and reward.flags == []


def test_late_first_installment_earns_nothing():
    programme()
    referral = referred_pair()
    loan = referred_loan(referral, days_ago=45)
    pay_first_installment(loan, late_days=3)
    reward = referral_reward_evaluate(
        reward=Reward.objects.get(referral=referral), business_date=today_ist()
    )
    assert reward.status == RewardStatus.PENDING


def test_disbursed_rule_earns_after_cooling_off_only():
    programme(earn_rule=EarnRule.DISBURSED)
    referral = referred_pair()
    loan = referred_loan(referral, days_ago=1)
    reward = Reward.objects.get(referral=referral)
    assert referral_reward_evaluate(reward=reward, business_date=today_ist()).status == "pending"
    after = loan.cooling_off_until + timedelta(days=1)
    assert referral_reward_evaluate(reward=reward, business_date=after).status == "earned"


def test_cancellation_in_cooling_off_voids_the_reward():
    programme(earn_rule=EarnRule.DISBURSED)
    referral = referred_pair()
    loan = referred_loan(referral, days_ago=1)
    pay_exit(loan, on=today_ist())
    assert Loan.objects.get(pk=loan.pk).status == "cancelled"
    reward = Reward.objects.get(referral=referral)
    assert reward.status == RewardStatus.VOID
    assert "cooling_off_exit" in reward.flags
    # and it can never be earned afterwards
    reward = referral_reward_evaluate(reward=reward, business_date=today_ist() + timedelta(days=60))
    assert reward.status == RewardStatus.VOID


def test_monthly_cap_voids_the_rewards_beyond_it():
    programme(monthly_cap_per_referrer=1, earn_rule=EarnRule.DISBURSED)
    first = referred_pair()
    second = referred_pair(referrer=first.referrer)
    referred_loan(first, days_ago=1)
    referred_loan(second, days_ago=1)
    statuses = sorted(Reward.objects.values_list("status", flat=True))
    assert statuses == ["pending", "void"]


def test_flagged_reward_needs_two_officers_to_approve():
    programme()
    referral = referred_pair()
    referral.signup_ip = "203.0.113.9"
    referral.save()
    for _ in range(3):  # three more sign-ups from the same address
        other = referred_pair()
        other.signup_ip = "203.0.113.9"
        other.save()
    loan = referred_loan(referral)
    pay_first_installment(loan)
    reward = referral_reward_evaluate(
        reward=Reward.objects.get(referral=referral), business_date=today_ist()
    )
    assert (reward.status, reward.review_state, reward.flags) == (
        "pending",
        "flagged",
        ["ip_velocity"],
    )
    maker, checker = staff(CREDIT_MANAGER), staff(LOAN_OFFICER)
    reward = referral_reward_decide(acting_user=maker, reward=reward, decision="approve")
    assert reward.status == "pending"
    with pytest.raises(DomainError) as refused:
        referral_reward_decide(acting_user=maker, reward=reward, decision="approve")
    assert refused.value.code == "maker_checker"
    reward = referral_reward_decide(acting_user=checker, reward=reward, decision="approve")
    assert (reward.status, reward.review_state, reward.decided_by) == (
        "earned",
        "approved",
        checker,
    )


def test_void_needs_a_reason_and_two_officers():
    reward = _earned_reward()
    maker, checker = staff(CREDIT_MANAGER), staff(CREDIT_MANAGER)
    with pytest.raises(DomainError) as refused:
        referral_reward_decide(acting_user=maker, reward=reward, decision="void")
    assert refused.value.code == "validation_error"
    referral_reward_decide(acting_user=maker, reward=reward, decision="void", reason="Sibling")
    reward = referral_reward_decide(acting_user=checker, reward=reward, decision="void")
    assert (reward.status, reward.void_reason) == ("void", "Sibling")


def test_borrower_cannot_decide():
    reward = _earned_reward()
    with pytest.raises(DomainError) as refused:
        referral_reward_decide(
            acting_user=reward.referral.referrer, reward=reward, decision="void", reason="x"
        )
    assert refused.value.code == "permission_denied"


def _trial_balanced():
    for entry in JournalEntry.objects.prefetch_related("lines"):
        lines = list(entry.lines.all())
        assert sum(ln.debit for ln in lines) == sum(ln.credit for ln in lines), entry


def test_payout_credits_the_referrers_active_loan_once_and_balanced():
    reward = _earned_reward()
    referrer_loan = active_loan(
        borrower=reward.referral.referrer, disbursed_on=today_ist() - timedelta(days=10)
    )
    expense_before = ledger.account_balance(ledger.REFERRAL_EXPENSE)
    bank_before = ledger.account_balance(ledger.BANK)
    portfolio_before = ledger.account_balance(ledger.LOAN_PORTFOLIO, loan=referrer_loan)

    first = referral_rewards_pay(business_date=today_ist())
    again = referral_rewards_pay(business_date=today_ist())  # a retry of the batch

    assert first["paid"] == 1 and again["paid"] == 0
    reward = Reward.objects.get(pk=reward.pk)
    assert (reward.status, reward.payout_method) == ("paid", "loan_credit")
    payment = Payment.objects.get(pk=reward.payment_id)
    assert (payment.loan_id, payment.amount, payment.source) == (
        referrer_loan.pk,
        Decimal("500.00"),
        "system",
    )
    assert Payment.objects.filter(utr__startswith="RWD").count() == 1
    assert ledger.account_balance(ledger.REFERRAL_EXPENSE) - expense_before == Decimal("500.00")
    assert ledger.account_balance(ledger.BANK) == bank_before  # no cash came in
    paid_down = portfolio_before - ledger.account_balance(ledger.LOAN_PORTFOLIO, loan=referrer_loan)
    assert paid_down == payment.principal  # allocated normally: dues, then principal
    _trial_balanced()


def test_payout_queues_a_bank_transfer_without_an_active_loan():
    reward = _earned_reward()
    referral_rewards_pay(business_date=today_ist())
    reward = Reward.objects.get(pk=reward.pk)
    assert (reward.status, reward.payout_method) == ("paid", "bank_payout")
    assert reward.bank_account.profile.user == reward.referral.referrer
    assert ledger.account_balance(ledger.REFERRAL_PAYABLE) == Decimal("-500.00")
    assert ledger.account_balance(ledger.REFERRAL_EXPENSE) == Decimal("500.00")
    assert referral_rewards_pay(business_date=today_ist())["paid"] == 0
    assert JournalEntry.objects.filter(kind="referral_reward").count() == 1
    _trial_balanced()


def test_a_failure_mid_batch_leaves_the_rest_for_the_retry(monkeypatch):
    first = _earned_reward()
    second = _earned_reward()
    from referrals.services import payouts

    real = payouts.ledger.journal_post
    calls = {"n": 0}

    def failing_once(**kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise DomainError("invalid_state", "bank down")
        return real(**kwargs)

    monkeypatch.setattr(payouts.ledger, "journal_post", failing_once)
    result = referral_rewards_pay(business_date=today_ist())
    assert result == {"paid": 1, "waiting": 0, "failed": 1, "skipped": 0}
    assert JournalEntry.objects.filter(kind="referral_reward").count() == 1
    monkeypatch.setattr(payouts.ledger, "journal_post", real)
    assert referral_rewards_pay(business_date=today_ist())["paid"] == 1
    assert {r.status for r in Reward.objects.filter(pk__in=[first.pk, second.pk])} == {"paid"}
    assert JournalEntry.objects.filter(kind="referral_reward").count() == 2
    _trial_balanced()


def test_finance_can_run_the_batch_but_a_borrower_cannot():
    reward = _earned_reward()
    assert referral_rewards_pay(business_date=today_ist(), acting_user=staff(FINANCE))["paid"] == 1
    other = _earned_reward()
    result = referral_rewards_pay(business_date=today_ist(), acting_user=other.referral.referred)
    assert result["failed"] == 1
    reward = Reward.objects.get(pk=reward.pk)
    assert reward.status == "paid"


def test_codes_are_unique_and_a_clash_draws_again(monkeypatch):
    from accounts.tests.factories import borrower
    from lendingsite import refcode
    from referrals.models import ReferralCode
    from referrals.services import codes

    first = codes.referral_code_issue(user=borrower())
    drawn = iter([first.code, refcode.generate()])
    monkeypatch.setattr(codes.refcode, "generate", lambda: next(drawn))
    second = codes.referral_code_issue(user=borrower())
    assert second.code != first.code
    assert ReferralCode.objects.filter(code=first.code).count() == 1


def test_email_verification_issues_the_code():
    from accounts.tests.factories import borrower
    from lendingsite.audit import audit_record
    from referrals.models import ReferralCode

    user = borrower()
    assert not ReferralCode.objects.filter(user=user).exists()
    audit_record(action="auth.email_verified", actor=user, target=user)  # as email_verify does
    assert ReferralCode.objects.filter(user=user).exists()
