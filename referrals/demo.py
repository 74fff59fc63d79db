"""The referrals part of seed_demo: a programme, a code for every demo borrower, and
referrals in several states: rewards earned and paid (Meera referred Arjun, Arjun referred
Kavita: credited to the referrer's running loan, or paid out to their bank account when
they have none), one held for review as circular (Priya and Sanjay referred each other),
others pending. Idempotent: a second run adds nothing."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from accounts.models import User
from lendingsite.dates import today_ist
from loans.models import Loan
from referrals.models import EarnRule, Programme, Referral, Reward
from referrals.services.codes import referral_code_issue
from referrals.services.payouts import referral_rewards_pay
from referrals.services.rewards import referral_reward_create, referral_rewards_evaluate

# referrer key, referred key (loans/demo.py's borrowers)
PAIRS = [
    ("meera", "arjun"),
    ("arjun", "kavita"),
    ("priya", "sanjay"),
    ("sanjay", "priya"),
    ("rahul", "ananya"),
]


def referrals_demo_seed(*, domain: str, today: date | None = None) -> str:
    today = today or today_ist()
    with transaction.atomic():
        if not Programme.objects.exists():
            Programme.objects.create(
                name="Bring a friend",
                starts_on=today - timedelta(days=365),
                reward_amount=Decimal("500.00"),
                earn_rule=EarnRule.FIRST_INSTALLMENT_ON_TIME,
                monthly_cap_per_referrer=5,
            )
        people = {
            u.email.split("@")[0]: u
            for u in User.objects.filter(email__endswith=f"@{domain}", is_staff=False)
        }
        for user in people.values():
            if user.email_verified:
                referral_code_issue(user=user)
        for referrer, referred in PAIRS:
            if referrer not in people or referred not in people:
                continue
            # The friends signed up with the code before the demo's loans were taken;
            # written directly, as the sign-up form would have recorded it then.
            code = referral_code_issue(user=people[referrer]).code
            Referral.objects.get_or_create(
                referred=people[referred], defaults={"referrer": people[referrer], "code": code}
            )
    for referral in Referral.objects.filter(referred__email__endswith=f"@{domain}"):
        loan = (
            Loan.objects.filter(borrower=referral.referred, disbursed_on__isnull=False)
            .order_by("disbursed_on")
            .first()
        )
        if loan is not None and not Reward.objects.filter(referral=referral).exists():
            referral_reward_create(loan=loan, business_date=loan.disbursed_on)
    evaluated = referral_rewards_evaluate(business_date=today)
    paid = referral_rewards_pay(business_date=today)
    statuses = sorted(Reward.objects.values_list("status", flat=True))
    return (
        f"Referrals demo: {Referral.objects.count()} referrals, rewards {', '.join(statuses)} "
        f"({evaluated['flagged']} flagged, {paid['paid']} paid this run)."
    )
