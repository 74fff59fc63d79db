"""Referral test data: a programme, a referrer and a friend they referred, the friend's loan."""

from datetime import date, timedelta
from decimal import Decimal

from accounts.tests.factories import borrower
from lendingsite.dates import today_ist
from loans.models import Installment, Loan
from loans.tests.factories import active_loan, kyc_verified_borrower
from referrals.models import EarnRule, Programme, Referral
from referrals.services.codes import referral_code_issue, referral_record
from repayments.tests.factories import post_payment


def programme(**kwargs) -> Programme:
    values = {
        "name": "Bring a friend",
        "starts_on": date(2020, 1, 1),
        "reward_amount": Decimal("500.00"),
        "earn_rule": EarnRule.FIRST_INSTALLMENT_ON_TIME,
        "monthly_cap_per_referrer": 5,
        "max_signups_per_ip": 3,
        "burst_count": 3,
        "burst_hours": 24,
        **kwargs,
    }
    return Programme.objects.create(**values)


def referred_pair(*, referrer=None, **profile_fields) -> Referral:
    """A referrer (KYC-verified, with a verified bank account) and a friend who signed up
    with their code."""
    referrer = referrer or kyc_verified_borrower()
    code = referral_code_issue(user=referrer)
    friend = kyc_verified_borrower(**profile_fields)
    return referral_record(referred=friend, typed_code=code.code)


def referred_loan(referral: Referral, *, days_ago: int = 40) -> Loan:
    """The friend's loan, disbursed `days_ago` days before today (the reward is created)."""
    return active_loan(
        borrower=referral.referred, disbursed_on=today_ist() - timedelta(days=days_ago)
    )


def pay_first_installment(loan: Loan, *, late_days: int = 0) -> None:
    first = Installment.objects.filter(loan=loan).order_by("number").first()
    day = first.due_date + timedelta(days=late_days)
    post_payment(
        loan, amount=first.principal_due + first.interest_due, paid_on=day, business_date=day
    )


__all__ = ["borrower", "pay_first_installment", "programme", "referred_loan", "referred_pair"]
