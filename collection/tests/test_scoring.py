"""Weekly collector scores on a hand-built week (collection.services.scoring)."""

from datetime import date, timedelta
from decimal import Decimal

import pytest

from collection.models import CaseStatus, CollectorScore, ContactLog, PromiseStatus
from collection.services.scoring import collector_scores_compute, last_full_week_start
from collection.tasks.desk import collector_scores_compute_task
from collection.tests.factories_desk import (
    CaseFactory,
    PaymentRowFactory,
    PromiseFactory,
    at,
    collector,
)
from lendingsite.errors import DomainError
from repayments.models import PaymentStatus

pytestmark = pytest.mark.django_db
D = Decimal
MONDAY = date(2026, 10, 5)


def day(n: int) -> date:
    return MONDAY + timedelta(days=n)


def contact(case, when):
    return ContactLog.objects.create(
        case=case, collector=case.assigned_to, channel="call", outcome="reached", contacted_at=when
    )


@pytest.fixture
def week():
    """Asha's book: two cases in the week, one closed before it, one opened after it.
    Bala's: one case. Chitra: an active collector with no cases."""
    asha, bala, chitra = collector(full_name="Asha"), collector(full_name="Bala"), collector()
    first = CaseFactory(assigned_to=asha, opened_on=day(-10), overdue_amount=D("10000.00"))
    second = CaseFactory(assigned_to=asha, opened_on=day(2), overdue_amount=D("5000.00"))
    CaseFactory(
        assigned_to=asha,
        opened_on=day(-30),
        status=CaseStatus.RESOLVED,
        closed_on=day(-1),
        overdue_amount=D("777.00"),
    )
    CaseFactory(assigned_to=asha, opened_on=day(7), overdue_amount=D("888.00"))
    third = CaseFactory(assigned_to=bala, opened_on=day(-3), overdue_amount=D("3000.00"))

    contact(first, at(day(0), 10))
    contact(first, at(day(4), 11))  # the same case twice: contacted once
    contact(second, at(day(7), 10))  # next Monday: not this week
    contact(third, at(day(-1), 18))  # the Sunday before: not this week

    PromiseFactory(case=first, promised_on=day(3), status=PromiseStatus.KEPT, settled_on=day(3))
    PromiseFactory(case=second, promised_on=day(6), status=PromiseStatus.BROKEN, settled_on=day(6))
    PromiseFactory(case=first, promised_on=day(9))  # falls due next week

    for amount, paid_on, status in [
        ("4000.00", day(1), PaymentStatus.POSTED),
        ("1000.00", day(6), PaymentStatus.POSTED),
        ("700.00", day(2), PaymentStatus.REVERSED),
        ("500.00", day(7), PaymentStatus.POSTED),
    ]:
        PaymentRowFactory(loan=first.loan, amount=D(amount), paid_on=paid_on, status=status)
    PaymentRowFactory(loan=third.loan, amount=D("3000.00"), paid_on=day(4))
    return asha, bala, chitra


def scores():
    return {
        s.collector_id: (
            s.cases_assigned,
            s.cases_contacted,
            s.promises_made,
            s.promises_kept,
            s.amount_assigned,
            s.amount_collected,
        )
        for s in CollectorScore.objects.filter(week_start=MONDAY)
    }


def test_scores_of_a_hand_built_week(week):
    asha, bala, chitra = week

    assert collector_scores_compute(week_start=MONDAY) == 3

    assert scores() == {
        asha.pk: (2, 1, 2, 1, D("15000.00"), D("5000.00")),
        bala.pk: (1, 0, 0, 0, D("3000.00"), D("3000.00")),
        chitra.pk: (0, 0, 0, 0, D("0.00"), D("0.00")),
    }


def test_recomputing_a_week_overwrites_its_rows(week):
    asha, _, _ = week
    collector_scores_compute(week_start=MONDAY)
    ContactLog.objects.filter(case__assigned_to=asha).delete()

    collector_scores_compute(week_start=MONDAY)

    assert CollectorScore.objects.count() == 3
    assert scores()[asha.pk][1] == 0


def test_weeks_start_on_monday():
    with pytest.raises(DomainError) as exc:
        collector_scores_compute(week_start=day(1))
    assert exc.value.errors == {"week_start": ["not a Monday"]}


def test_scoring_switched_off_writes_nothing(week, settings):
    settings.SCORING_ENABLED = False
    assert collector_scores_compute(week_start=MONDAY) == 0
    assert collector_scores_compute_task(week_start=MONDAY.isoformat()) is None
    assert not CollectorScore.objects.exists()


def test_the_weekly_task_scores_the_week_given(week):
    assert collector_scores_compute_task(week_start=MONDAY.isoformat()) == 3
    assert CollectorScore.objects.filter(week_start=MONDAY).count() == 3


@pytest.mark.parametrize(
    ("today", "monday"),
    [(day(7), MONDAY), (day(13), MONDAY), (day(14), day(7)), (day(6), day(-7))],
)
def test_last_full_week(today, monday):
    assert last_full_week_start(today) == monday


def test_scoring_query_count_does_not_grow_with_cases(week, django_assert_max_num_queries):
    with django_assert_max_num_queries(12):
        collector_scores_compute(week_start=MONDAY)
