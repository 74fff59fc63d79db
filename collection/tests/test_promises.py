"""Settling promises to pay at the day-end of their date (collection.services.desk)."""

from datetime import timedelta
from decimal import Decimal

import pytest

from accounts.models import AuditEvent
from accounts.roles import FINANCE
from accounts.tests.factories import staff
from collection.models import CaseStatus, PromiseStatus, PromiseToPay
from collection.services.desk import promise_record, promises_settle
from collection.tests.factories_desk import CaseFactory, PromiseFactory, at, collector, pay
from lendingsite.dates import today_ist
from repayments.services.payments import payment_reverse

pytestmark = pytest.mark.django_db

# The promise is made on MADE (a replayed day, ten days back) and falls due two days later.
MADE = today_ist() - timedelta(days=10)
DUE = MADE + timedelta(days=2)


def promised(amount: str = "5000.00", *, made=MADE, due=DUE):
    mine = collector()
    case = CaseFactory(assigned_to=mine, opened_on=made - timedelta(days=5))
    promise = promise_record(
        acting_user=mine,
        case=case,
        amount=Decimal(amount),
        promised_on=due,
        now=at(made, 11),
    )
    return case, promise


def settled(promise):
    promise.refresh_from_db()
    promise.case.refresh_from_db()
    return promise.status, promise.settled_on, promise.case.status


def test_kept_when_payments_from_the_promise_to_its_date_reach_the_amount():
    case, promise = promised("5000.00")
    pay(case.loan, "3000.00", MADE)  # the day the promise was made counts
    pay(case.loan, "2000.00", DUE)  # and so does the promised date itself

    counts = promises_settle(business_date=DUE)

    assert counts == {"kept": 1, "broken": 0, "cases_in_progress": 1, "cases_broken_promise": 0}
    assert settled(promise) == (PromiseStatus.KEPT, DUE, CaseStatus.IN_PROGRESS)
    event = AuditEvent.objects.get(action="promises.settled")
    promise.refresh_from_db()
    settlement = str(promise.settlement_key)
    assert event.after == {"business_date": DUE.isoformat(), "settlement": settlement, **counts}
    # And the promise's own trail says it was kept, by which settlement.
    (own,) = AuditEvent.objects.filter(target_type="collection.promisetopay", target_id=promise.pk)
    assert own.action == "promise.kept"
    assert own.after["settlement"] == settlement
    assert own.after["promise"]["amount"] == "5000.00"


def test_broken_when_short_by_a_paisa():
    case, promise = promised("5000.00")
    pay(case.loan, "4999.99", DUE - timedelta(days=1))

    counts = promises_settle(business_date=DUE)

    assert counts == {"kept": 0, "broken": 1, "cases_in_progress": 0, "cases_broken_promise": 1}
    assert settled(promise) == (PromiseStatus.BROKEN, DUE, CaseStatus.BROKEN_PROMISE)


def test_payments_before_the_promise_or_after_its_date_do_not_count():
    case, promise = promised("1000.00")
    pay(case.loan, "1000.00", MADE - timedelta(days=1))
    pay(case.loan, "1000.00", DUE + timedelta(days=1))

    promises_settle(business_date=DUE + timedelta(days=1))

    assert settled(promise) == (PromiseStatus.BROKEN, DUE + timedelta(days=1), "broken_promise")


def test_a_reversed_payment_does_not_keep_a_promise():
    case, promise = promised("1000.00")
    payment = pay(case.loan, "1000.00", DUE)
    payment_reverse(
        acting_user=staff(FINANCE), payment=payment, reason="Cheque bounced", business_date=DUE
    )

    promises_settle(business_date=DUE)

    assert settled(promise)[0] == PromiseStatus.BROKEN


def test_not_settled_before_the_end_of_its_date_and_a_second_run_changes_nothing():
    case, promise = promised("1000.00")
    assert promises_settle(business_date=DUE - timedelta(days=1)) == {
        "kept": 0,
        "broken": 0,
        "cases_in_progress": 0,
        "cases_broken_promise": 0,
    }
    assert settled(promise) == (PromiseStatus.PENDING, None, CaseStatus.PROMISE_TO_PAY)

    pay(case.loan, "1000.00", DUE)
    assert promises_settle(business_date=DUE)["kept"] == 1
    assert promises_settle(business_date=DUE)["kept"] == 0
    assert AuditEvent.objects.filter(action="promises.settled").count() == 1
    assert settled(promise) == (PromiseStatus.KEPT, DUE, CaseStatus.IN_PROGRESS)


def test_a_case_the_day_end_resolved_keeps_its_status():
    case, promise = promised("1000.00")
    case.status, case.closed_on = CaseStatus.RESOLVED, DUE
    case.save()
    pay(case.loan, "1000.00", DUE)

    promises_settle(business_date=DUE)

    assert settled(promise) == (PromiseStatus.KEPT, DUE, CaseStatus.RESOLVED)


def test_settling_is_set_based(django_assert_max_num_queries):
    promises = [PromiseFactory(promised_on=DUE) for _ in range(6)]
    PromiseToPay.objects.filter(pk__in=[p.pk for p in promises[:2]]).update(
        promised_on=DUE - timedelta(days=3)
    )
    late = PromiseFactory(promised_on=DUE + timedelta(days=1))
    for p in promises:
        p.case.status = CaseStatus.PROMISE_TO_PAY
        p.case.save()

    # Whatever the number of promises: the settling UPDATEs, the per-promise audit trail
    # (an INSERT … SELECT per outcome) and the webhook outbox (a lock of the loans on
    # PostgreSQL, one INSERT … SELECT).
    with django_assert_max_num_queries(12):
        counts = promises_settle(business_date=DUE)

    assert counts["broken"] == 6 and counts["cases_broken_promise"] == 6
    assert PromiseToPay.objects.get(pk=late.pk).status == PromiseStatus.PENDING
