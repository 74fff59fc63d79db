"""The batch's entry points: the Celery task (eager in tests), the management command
(one-line refusal for a bad date), and erasure removing the sign-up's traces."""

import pytest
from django.core.management import CommandError, call_command

from lendingsite.dates import today_ist
from referrals.models import Referral, Reward
from referrals.services.codes import referral_signup_traces_erase
from referrals.tasks import evaluate_rewards, pay_rewards
from referrals.tests.factories import pay_first_installment, programme, referred_loan, referred_pair

pytestmark = pytest.mark.django_db


def _ready():
    programme()
    referral = referred_pair()
    pay_first_installment(referred_loan(referral))
    return referral


def test_tasks_earn_then_pay_and_a_retry_pays_nothing():
    referral = _ready()
    assert evaluate_rewards.delay(today_ist().isoformat()).get()["earned"] == 1
    assert pay_rewards.delay(today_ist().isoformat()).get()["paid"] == 1
    assert pay_rewards.delay(today_ist().isoformat()).get()["paid"] == 0
    assert Reward.objects.get(referral=referral).status == "paid"


def test_command(capsys):
    _ready()
    call_command("pay_referral_rewards", "--date", today_ist().isoformat())
    out = capsys.readouterr().out
    assert "1 earned" in out and "1 paid" in out
    with pytest.raises(CommandError, match="Not a date"):
        call_command("pay_referral_rewards", "--date", "tomorrow")


def test_erasure_removes_the_sign_up_traces():
    referral = referred_pair()
    Referral.objects.filter(pk=referral.pk).update(signup_ip="203.0.113.1", signup_device="abc")
    assert referral_signup_traces_erase(user_id=referral.referred_id) == 1
    kept = Referral.objects.get(pk=referral.pk)
    assert (kept.signup_ip, kept.signup_device, kept.referrer_id) == (
        None,
        "",
        referral.referrer_id,
    )


def test_beat_schedules_the_batch():
    from lendingsite.periodic import _registered_tasks, declared_periodic_tasks

    specs = {s.name: s.task for s in declared_periodic_tasks() if s.name.startswith("referrals.")}
    assert specs == {
        "referrals.evaluate_rewards": "referrals.tasks.evaluate_rewards",
        "referrals.pay_rewards": "referrals.tasks.pay_rewards",
    }
    assert set(specs.values()) <= set(_registered_tasks())
