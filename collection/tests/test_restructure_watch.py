"""Asset classification of restructured loans (docs/collections.md, "Restructured loans"):
an NPA restructured loan is not upgraded during its 12-month watch, even with no arrears;
after it, the usual rule (upgraded at DPD 0) applies. Pure rule and the day-end's SQL."""

from datetime import date, timedelta

import pytest

from collection.dayend import day_end_run
from collection.dayend.buckets import bucket_for, bucket_table, in_restructure_watch
from lendingsite.dates import today_ist
from loans.models import Loan
from loans.tests.factories import active_loan


def test_the_pure_rule():
    table = bucket_table()
    assert bucket_for(0, table=table, previous="NPA", in_watch=True) == "NPA"
    assert bucket_for(0, table=table, previous="NPA", in_watch=False) == "current"
    assert bucket_for(0, table=table, previous="SMA-1", in_watch=True) == "current"
    assert in_restructure_watch(date(2026, 1, 1), date(2026, 12, 31))
    assert not in_restructure_watch(date(2026, 1, 1), date(2027, 1, 1))
    assert not in_restructure_watch(None, date(2027, 1, 1))


@pytest.mark.django_db
def test_the_day_end_keeps_a_restructured_npa_loan_in_npa_during_the_watch():
    today = today_ist()
    watched = active_loan(disbursed_on=today - timedelta(days=5))
    served = active_loan(disbursed_on=today - timedelta(days=5))
    Loan.objects.filter(pk=watched.pk).update(
        bucket="NPA", restructured=True, restructured_on=today - timedelta(days=10)
    )
    Loan.objects.filter(pk=served.pk).update(
        bucket="NPA", restructured=True, restructured_on=today - timedelta(days=365)
    )
    day_end_run(business_date=today)
    assert Loan.objects.get(pk=watched.pk).bucket == "NPA"
    assert Loan.objects.get(pk=served.pk).bucket == "current"
