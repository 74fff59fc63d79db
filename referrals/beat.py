"""Periodic jobs of the referrals app, collected by lendingsite.periodic into beat."""

from lendingsite.periodic import PeriodicSpec

PERIODIC_TASKS = [
    PeriodicSpec(
        name="referrals.evaluate_rewards",
        task="referrals.tasks.evaluate_rewards",
        crontab="0 2 * * *",
        description="Referral rewards: earn or flag for review those whose rule is met",
    ),
    PeriodicSpec(
        name="referrals.pay_rewards",
        task="referrals.tasks.pay_rewards",
        crontab="30 2 * * *",
        description="Referral rewards: pay earned rewards (loan credit or bank payout)",
    ),
]
