"""Test data for the collections desk. Loans go through the real loans services
(loans.tests.factories.active_loan); cases are plain rows, standing in for what the
day-end opens, so desk tests don't depend on a day-end run."""

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory

from accounts.roles import COLLECTIONS_MANAGER, COLLECTOR, FINANCE
from accounts.tests.factories import staff
from collection.models import CaseStatus, CollectionCase, PromiseToPay
from lendingsite.dates import today_ist
from loans.tests.factories import active_loan
from repayments.models import Channel, Payment
from repayments.services.payments import payment_post

IST = ZoneInfo("Asia/Kolkata")


def at(day: date, hour: int, minute: int = 0) -> datetime:
    """A moment in India time."""
    return datetime.combine(day, time(hour, minute), tzinfo=IST)


def collector(**kwargs):
    return staff(COLLECTOR, **kwargs)


def manager(**kwargs):
    return staff(COLLECTIONS_MANAGER, **kwargs)


class CaseFactory(factory.django.DjangoModelFactory):
    """An open case on a loan disbursed 45 days ago (its first installment is overdue)."""

    class Meta:
        model = CollectionCase

    class Params:
        # The loan's (the day-end sets them there; the case reads them from its loan).
        dpd = 15
        bucket = "SMA-0"

    loan = factory.LazyAttribute(lambda case: delinquent_loan(dpd=case.dpd, bucket=case.bucket))
    status = CaseStatus.OPEN
    opened_on = factory.LazyFunction(lambda: today_ist() - timedelta(days=14))
    overdue_amount = Decimal("9000.00")


def delinquent_loan(*, dpd: int, bucket: str):
    """A loan disbursed 45 days ago, its DPD and bucket set as a day-end would have."""
    loan = active_loan(disbursed_on=today_ist() - timedelta(45))
    type(loan).objects.filter(pk=loan.pk).update(dpd=dpd, bucket=bucket)
    loan.dpd, loan.bucket = dpd, bucket
    return loan


class PromiseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PromiseToPay

    case = factory.SubFactory(CaseFactory)
    amount = Decimal("5000.00")
    promised_on = factory.LazyFunction(today_ist)
    recorded_by = factory.LazyAttribute(lambda p: p.case.assigned_to or manager())


class PaymentRowFactory(factory.django.DjangoModelFactory):
    """A bare Payment row, for reads that only sum payments (scoring). Anything that needs
    the loan's balances to move uses `pay` (the real service)."""

    class Meta:
        model = Payment

    amount = Decimal("1000.00")
    paid_on = factory.LazyFunction(today_ist)
    channel = Channel.UPI
    utr = factory.Sequence(lambda n: f"TESTUTR{n:08d}")


def pay(loan, amount: str, paid_on: date, *, by=None) -> Payment:
    """Post a payment through repayments' service, booked on its own date."""
    return payment_post(
        acting_user=by or staff(FINANCE),
        loan=loan,
        amount=Decimal(amount),
        paid_on=paid_on,
        channel=Channel.UPI,
        utr=f"UTR{loan.pk}{paid_on:%Y%m%d}{Payment.objects.count():04d}",
        business_date=paid_on,
    )
