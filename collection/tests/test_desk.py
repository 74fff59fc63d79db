from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from accounts.models import AuditEvent
from collection.models import CaseStatus, CollectionCase, ContactLog, PromiseToPay
from collection.services import desk
from collection.services.desk import (
    cases_assign,
    cases_assign_round_robin,
    contact_log,
    promise_record,
)
from collection.tests.factories_desk import CaseFactory, at, collector, manager
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError

pytestmark = pytest.mark.django_db


# --- round-robin by load --------------------------------------------------------------


def test_round_robin_gives_each_case_to_the_least_loaded_collector_worst_first():
    c1, c2, c3 = collector(), collector(), collector()
    collector(is_active=False)  # never given cases
    CaseFactory.create_batch(2, assigned_to=c1)
    CaseFactory(assigned_to=c3)
    cases = {dpd: CaseFactory(dpd=dpd) for dpd in (20, 50, 30, 40)}
    closed = CaseFactory(status=CaseStatus.CLOSED, closed_on=today_ist())

    assert cases_assign_round_robin() == 4

    owner = {dpd: CollectionCase.objects.get(pk=c.pk).assigned_to_id for dpd, c in cases.items()}
    # loads 2/0/1: DPD 50 -> c2 (0); 40 -> c2 (1, ties c3 by lower id); 30 -> c3 (1);
    # 20 -> c1 (all at 2, lowest id)
    assert owner == {50: c2.pk, 40: c2.pk, 30: c3.pk, 20: c1.pk}
    closed.refresh_from_db()
    assert closed.assigned_to_id is None
    event = AuditEvent.objects.get(action="cases.auto_assigned")
    assert event.after == {
        "assigned": 4,
        "by_collector": {str(c1.pk): 1, str(c2.pk): 2, str(c3.pk): 1},
    }
    assert cases_assign_round_robin() == 0  # nothing left unassigned


def test_round_robin_only_touches_the_given_cases_and_needs_a_collector():
    first, second = CaseFactory(), CaseFactory()
    assert cases_assign_round_robin() == 0  # no collector yet: nothing assigned
    someone = collector()
    assert cases_assign_round_robin(case_ids=[second.pk]) == 1
    assert CollectionCase.objects.get(pk=first.pk).assigned_to_id is None
    assert CollectionCase.objects.get(pk=second.pk).assigned_to_id == someone.pk


def test_round_robin_over_many_ids_works_in_batches(monkeypatch):
    monkeypatch.setattr(desk, "UPDATE_BATCH", 2)
    first, second = collector(), collector()
    cases = [CaseFactory(dpd=dpd) for dpd in (10, 60, 30, 50, 20)]
    assert cases_assign_round_robin(case_ids=[c.pk for c in cases] + [10**9]) == 5
    owners = {c.loan.dpd: CollectionCase.objects.get(pk=c.pk).assigned_to_id for c in cases}
    assert owners == {60: first.pk, 50: second.pk, 30: first.pk, 20: second.pk, 10: first.pk}


def test_round_robin_started_by_a_person_needs_the_assign_permission():
    case = CaseFactory()
    mine = collector()
    with pytest.raises(DomainError) as exc:
        cases_assign_round_robin(acting_user=mine)
    assert exc.value.code == "permission_denied"
    assert CollectionCase.objects.get(pk=case.pk).assigned_to_id is None
    assert AuditEvent.objects.get(action="cases.auto_assign_refused").outcome == "denied"
    assert cases_assign_round_robin(acting_user=manager()) == 1


# --- manual bulk assignment -----------------------------------------------------------


def test_manager_bulk_assigns_and_each_move_is_audited():
    boss, old, new = manager(), collector(), collector()
    moving = [CaseFactory(assigned_to=old), CaseFactory()]
    staying = CaseFactory(assigned_to=new)

    moved = cases_assign(acting_user=boss, cases=[*moving, staying], collector=new)

    assert moved == 2
    assert set(CollectionCase.objects.values_list("assigned_to_id", flat=True)) == {new.pk}
    events = AuditEvent.objects.filter(action="case.assigned").order_by("target_id")
    assert [(e.actor_id, e.target_id, e.before, e.after) for e in events] == [
        (boss.pk, str(moving[0].pk), {"assigned_to": old.pk}, {"assigned_to": new.pk}),
        (boss.pk, str(moving[1].pk), {"assigned_to": None}, {"assigned_to": new.pk}),
    ]


def test_bulk_assign_refusals_write_nothing_and_are_on_record():
    boss, mine = manager(), collector()
    case = CaseFactory(assigned_to=mine)
    closed = CaseFactory(status=CaseStatus.RESOLVED, closed_on=today_ist())
    other = collector()

    with pytest.raises(DomainError) as exc:
        cases_assign(acting_user=mine, cases=[case], collector=other)
    assert exc.value.code == "permission_denied"
    with pytest.raises(DomainError) as exc:
        cases_assign(acting_user=boss, cases=[case], collector=manager())
    assert exc.value.code == "validation_error"
    assert exc.value.errors == {"collector": ["not an active collector"]}
    with pytest.raises(DomainError) as exc:
        cases_assign(acting_user=boss, cases=[case, closed], collector=other)
    assert exc.value.code == "invalid_state"
    assert f"#{closed.pk}" in exc.value.detail

    case.refresh_from_db()
    assert case.assigned_to_id == mine.pk
    assert not AuditEvent.objects.filter(action="case.assigned", outcome="success").exists()
    assert AuditEvent.objects.filter(action="case.assign_refused", outcome="denied").count() == 3


# --- contact log ----------------------------------------------------------------------


def test_first_contact_moves_an_open_case_in_progress():
    mine = collector()
    case = CaseFactory(assigned_to=mine)
    when = at(today_ist() - timedelta(days=1), 11, 30)

    contact = contact_log(
        acting_user=mine,
        case=case,
        channel="call",
        outcome="no_answer",
        note="  Rang twice.  ",
        contacted_at=when,
    )

    assert (contact.collector, contact.channel, contact.outcome, contact.note) == (
        mine,
        "call",
        "no_answer",
        "Rang twice.",
    )
    assert contact.contacted_at == when
    case.refresh_from_db()
    assert case.status == CaseStatus.IN_PROGRESS
    event = AuditEvent.objects.get(action="case.contact_logged")
    assert event.before == {"status": "open"}
    assert event.after["status"] == "in_progress"
    assert event.after["outside_calling_hours"] is False
    # A later contact leaves a case with a promise as it is.
    CollectionCase.objects.filter(pk=case.pk).update(status=CaseStatus.PROMISE_TO_PAY)
    contact_log(acting_user=mine, case=case, channel="sms", outcome="reached", note="")
    case.refresh_from_db()
    assert case.status == CaseStatus.PROMISE_TO_PAY


def test_contact_outside_calling_hours_is_recorded_and_flagged():
    mine = collector()
    case = CaseFactory(assigned_to=mine)
    contact_log(
        acting_user=mine,
        case=case,
        channel="call",
        outcome="reached",
        note="Borrower called back late",
        contacted_at=at(today_ist() - timedelta(days=1), 20, 15),
    )
    assert AuditEvent.objects.get(action="case.contact_logged").after["outside_calling_hours"]


def test_a_manager_may_log_on_any_case_another_collector_may_not():
    mine, theirs = collector(), collector()
    case = CaseFactory(assigned_to=theirs)
    with pytest.raises(DomainError) as exc:
        contact_log(acting_user=mine, case=case, channel="call", outcome="reached", note="")
    assert exc.value.code == "permission_denied"
    assert not ContactLog.objects.exists()
    assert AuditEvent.objects.get(action="case.contact_refused").outcome == "denied"
    contact_log(acting_user=manager(), case=case, channel="visit", outcome="paid", note="")
    assert ContactLog.objects.count() == 1


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"channel": "pigeon"}, {"channel"}),
        ({"outcome": "maybe"}, {"outcome"}),
        ({"contacted_at": timezone.now() + timedelta(hours=1)}, {"contacted_at"}),
    ],
)
def test_contact_validation(fields, errors):
    mine = collector()
    case = CaseFactory(assigned_to=mine)
    data = {"channel": "call", "outcome": "reached", "note": "", **fields}
    with pytest.raises(DomainError) as exc:
        contact_log(acting_user=mine, case=case, **data)
    assert exc.value.code == "validation_error"
    assert set(exc.value.errors) == errors
    assert not ContactLog.objects.exists()


def test_no_contact_on_a_closed_case_or_before_it_opened():
    mine = collector()
    closed = CaseFactory(assigned_to=mine, status=CaseStatus.CLOSED, closed_on=today_ist())
    with pytest.raises(DomainError) as exc:
        contact_log(acting_user=mine, case=closed, channel="call", outcome="reached", note="")
    assert exc.value.code == "invalid_state"
    fresh = CaseFactory(assigned_to=mine, opened_on=today_ist())
    with pytest.raises(DomainError) as exc:
        contact_log(
            acting_user=mine,
            case=fresh,
            channel="call",
            outcome="reached",
            note="",
            contacted_at=at(today_ist() - timedelta(days=2), 10),
        )
    assert exc.value.errors == {"contacted_at": ["before the case was opened"]}
    assert not ContactLog.objects.exists()


# --- recording a promise --------------------------------------------------------------


def test_promise_moves_the_case_and_dates_the_promise_when_made():
    mine = collector()
    case = CaseFactory(assigned_to=mine)
    made = at(today_ist() - timedelta(days=2), 12)

    promise = promise_record(
        acting_user=mine,
        case=case,
        amount=Decimal("7500.00"),
        promised_on=today_ist(),
        now=made,
    )

    promise.refresh_from_db()
    assert (promise.amount, promise.promised_on, promise.status, promise.recorded_by) == (
        Decimal("7500.00"),
        today_ist(),
        "pending",
        mine,
    )
    assert promise.created_at == made
    case.refresh_from_db()
    assert case.status == CaseStatus.PROMISE_TO_PAY
    event = AuditEvent.objects.get(action="case.promise_recorded")
    assert event.after == {
        "status": "promise_to_pay",
        "promise": promise.pk,
        "amount": "7500.00",
        "promised_on": today_ist().isoformat(),
    }


@pytest.mark.parametrize(
    ("amount", "days_ahead", "field"),
    [
        ("0.00", 1, "amount"),
        ("-5.00", 1, "amount"),
        ("10.005", 1, "amount"),
        ("100.00", -1, "promised_on"),
        ("100.00", 31, "promised_on"),
    ],
)
def test_promise_validation(amount, days_ahead, field):
    mine = collector()
    case = CaseFactory(assigned_to=mine)
    with pytest.raises(DomainError) as exc:
        promise_record(
            acting_user=mine,
            case=case,
            amount=Decimal(amount),
            promised_on=today_ist() + timedelta(days=days_ahead),
        )
    assert exc.value.code == "validation_error"
    assert list(exc.value.errors) == [field]
    assert not PromiseToPay.objects.exists()
    case.refresh_from_db()
    assert case.status == CaseStatus.OPEN


def test_promise_window_is_configurable_and_ends_on_its_last_day(settings):
    settings.PROMISE_MAX_DAYS = 5
    mine = collector()
    case = CaseFactory(assigned_to=mine)
    with pytest.raises(DomainError):
        promise_record(
            acting_user=mine,
            case=case,
            amount=Decimal("1.00"),
            promised_on=today_ist() + timedelta(days=6),
        )
    promise_record(
        acting_user=mine,
        case=case,
        amount=Decimal("1.00"),
        promised_on=today_ist() + timedelta(days=5),
    )


def test_one_pending_promise_per_case():
    mine = collector()
    case = CaseFactory(assigned_to=mine)
    promise_record(acting_user=mine, case=case, amount=Decimal("100.00"), promised_on=today_ist())
    with pytest.raises(DomainError) as exc:
        promise_record(
            acting_user=mine, case=case, amount=Decimal("200.00"), promised_on=today_ist()
        )
    assert exc.value.code == "invalid_state"
    assert PromiseToPay.objects.count() == 1


def test_promise_needs_the_case_to_be_yours():
    case = CaseFactory(assigned_to=collector())
    with pytest.raises(DomainError) as exc:
        promise_record(
            acting_user=collector(),
            case=case,
            amount=Decimal("100.00"),
            promised_on=today_ist(),
        )
    assert exc.value.code == "permission_denied"
    assert not PromiseToPay.objects.exists()
    assert AuditEvent.objects.get(action="case.promise_refused").outcome == "denied"
