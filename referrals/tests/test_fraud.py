"""The fraud checks end to end: the facts gathered from the database (selectors.fraud_facts)
make each rule flag its case, and a clean referral earns."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accounts.models import AuditEvent, BankAccount
from lendingsite.dates import today_ist
from loans.models import Loan
from referrals.models import Referral, Reward
from referrals.services.codes import device_fingerprint
from referrals.services.rewards import referral_reward_evaluate
from referrals.tests.factories import pay_first_installment, programme, referred_loan, referred_pair

pytestmark = pytest.mark.django_db


def evaluate(referral: Referral) -> Reward:
    loan = referred_loan(referral)
    pay_first_installment(loan)
    return referral_reward_evaluate(
        reward=Reward.objects.get(referral=referral), business_date=today_ist()
    )


def _same_phone(referral):
    profile = referral.referred.profile
    profile.phone = referral.referrer.profile.phone
    profile.save()


def _same_bank(referral):
    theirs = BankAccount.objects.get(profile__user=referral.referrer)
    BankAccount.objects.filter(profile__user=referral.referred).update(
        account_number_hash=theirs.account_number_hash
    )


def _same_ip(referral):
    AuditEvent.objects.create(
        actor=referral.referrer, action="auth.logged_in", ip="198.51.100.77", user_agent="UA"
    )
    Referral.objects.filter(pk=referral.pk).update(signup_ip="198.51.100.77")


def _same_device(referral):
    AuditEvent.objects.create(
        actor=referral.referrer, action="auth.logged_in", ip="10.0.0.1", user_agent="Phone/1.0"
    )
    Referral.objects.filter(pk=referral.pk).update(
        signup_ip="10.9.9.9", signup_device=device_fingerprint("Phone/1.0")
    )


def _ip_velocity(referral):
    Referral.objects.filter(pk=referral.pk).update(signup_ip="203.0.113.50")
    for _ in range(3):
        other = referred_pair()
        Referral.objects.filter(pk=other.pk).update(signup_ip="203.0.113.50")


def _burst(referral):
    for _ in range(3):
        referred_pair(referrer=referral.referrer)


def _circular(referral):
    # The friend had referred the referrer before: A → B and B → A.
    Referral.objects.create(referrer=referral.referred, referred=referral.referrer, code="X" * 12)


CASES = {
    "same_phone": _same_phone,
    "same_bank_account": _same_bank,
    "same_device": _same_ip,
    "ip_velocity": _ip_velocity,
    "burst": _burst,
    "circular": _circular,
}


def test_a_clean_referral_earns():
    programme()
    reward = evaluate(referred_pair())
    assert (reward.status, reward.flags) == ("earned", [])


@pytest.mark.parametrize("reason", list(CASES))
def test_each_rule_flags_its_case(reason):
    programme()
    referral = referred_pair()
    CASES[reason](referral)
    reward = evaluate(Referral.objects.get(pk=referral.pk))
    assert (reward.status, reward.review_state) == ("pending", "flagged")
    assert reward.flags == [reason]


def test_same_device_by_fingerprint():
    programme()
    referral = referred_pair()
    _same_device(referral)
    assert evaluate(Referral.objects.get(pk=referral.pk)).flags == ["same_device"]


def test_loan_closed_within_cooling_off_is_flagged():
    programme()
    referral = referred_pair()
    loan = referred_loan(referral)
    pay_first_installment(loan)
    # As a foreclosure within the cooling-off period leaves it (closed_on set by the replay).
    Loan.objects.filter(pk=loan.pk).update(status="foreclosed", closed_on=loan.cooling_off_until)
    reward = referral_reward_evaluate(
        reward=Reward.objects.get(referral=referral), business_date=today_ist()
    )
    assert reward.flags == ["cooling_off_exit"]


def test_a_burst_long_ago_is_not_a_burst():
    programme()
    referral = referred_pair()
    _burst(referral)
    Referral.objects.filter(referrer=referral.referrer).exclude(pk=referral.pk).update(
        created_at=timezone.now() - timedelta(days=10)
    )
    assert evaluate(Referral.objects.get(pk=referral.pk)).flags == []


def test_the_referral_is_recorded_once_and_never_changes():
    from referrals.services.codes import referral_code_issue, referral_record

    referral = referred_pair()
    other_code = referral_code_issue(user=referred_pair().referrer).code
    again = referral_record(referred=referral.referred, typed_code=other_code)
    assert again.pk == referral.pk and again.referrer == referral.referrer
    assert Referral.objects.filter(referred=referral.referred).count() == 1
    first_code = referral_code_issue(user=referral.referrer)
    assert referral_code_issue(user=referral.referrer).code == first_code.code
