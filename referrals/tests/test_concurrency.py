"""The payout batch run by several workers at once (PostgreSQL: real row locks): every
earned reward is paid exactly once, with one payment and one Referral Expense entry each."""

import threading
from datetime import timedelta

import pytest
from django.db import connection

from lendingsite.dates import today_ist
from loans.models import JournalEntry
from loans.tests.factories import active_loan
from referrals.models import Reward
from referrals.services.payouts import referral_rewards_pay
from referrals.services.rewards import referral_rewards_evaluate
from referrals.tests.factories import pay_first_installment, programme, referred_loan, referred_pair
from repayments.models import Payment

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]
WORKERS = 4


def test_workers_at_once_pay_each_reward_once():
    programme()
    for n in range(3):
        referral = referred_pair()
        if n == 0:  # one referrer with a running loan: a loan credit; the others: payouts
            active_loan(borrower=referral.referrer, disbursed_on=today_ist() - timedelta(days=5))
        pay_first_installment(referred_loan(referral))
    assert referral_rewards_evaluate(business_date=today_ist())["earned"] == 3

    barrier = threading.Barrier(WORKERS)
    results = []

    def work():
        try:
            barrier.wait(timeout=30)
            results.append(referral_rewards_pay(business_date=today_ist()))
        finally:
            connection.close()

    threads = [threading.Thread(target=work) for _ in range(WORKERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert len(results) == WORKERS
    assert sum(r["paid"] for r in results) == 3
    assert sum(r["failed"] for r in results) == 0
    assert set(Reward.objects.values_list("status", flat=True)) == {"paid"}
    assert JournalEntry.objects.filter(kind="referral_reward").count() == 3
    assert Payment.objects.filter(utr__startswith="RWD").count() == 1
