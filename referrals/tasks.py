"""Celery tasks of the referrals app: thin wrappers over the services (schedule in
referrals.beat; the CRON_ENABLED kill switch stops them)."""

from datetime import date

from celery import shared_task

from lendingsite.dates import today_ist
from lendingsite.periodic import cron_task
from referrals.services.payouts import referral_rewards_pay
from referrals.services.rewards import referral_rewards_evaluate


def _day(business_date: str | None) -> date:
    return date.fromisoformat(business_date) if business_date else today_ist()


@shared_task(name="referrals.tasks.evaluate_rewards")
@cron_task
def evaluate_rewards(business_date: str | None = None) -> dict:
    """Earn or flag pending rewards whose rule is met (fraud checks included)."""
    return referral_rewards_evaluate(business_date=_day(business_date))


@shared_task(
    name="referrals.tasks.pay_rewards",
    autoretry_for=(Exception,),
    retry_backoff=True,
    max_retries=5,
)
@cron_task
def pay_rewards(business_date: str | None = None) -> dict:
    """Pay every earned reward. Safe to retry: a reward is paid only while `earned`, under
    its row lock, and its payment's UTR is unique."""
    return referral_rewards_pay(business_date=_day(business_date))
