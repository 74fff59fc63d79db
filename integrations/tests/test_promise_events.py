"""promise.kept / promise.broken: emitted by the day-end's promise step, per promise it
settled, in its transaction; none when it rolls back, none twice when it resumes."""

from datetime import timedelta
from decimal import Decimal
from unittest import mock

import pytest
from jsonschema import Draft4Validator

from accounts.models import AuditEvent
from collection.dayend import day_end_run
from collection.models import PromiseStatus
from collection.services.desk import promise_record, promises_settle
from collection.tests.factories_desk import CaseFactory, at, collector, pay
from integrations.models import WebhookEvent
from integrations.openapi import envelope_schema
from integrations.services.deliveries import envelope
from integrations.tests.test_openapi import _openapi_30_to_jsonschema
from lendingsite.dates import today_ist

pytestmark = pytest.mark.django_db

MADE = today_ist() - timedelta(days=10)
DUE = MADE + timedelta(days=2)


class Boom(Exception):
    pass


def promised(amount: str):
    mine = collector()
    case = CaseFactory(assigned_to=mine, opened_on=MADE - timedelta(days=5))
    promise = promise_record(
        acting_user=mine, case=case, amount=Decimal(amount), promised_on=DUE, now=at(MADE, 11)
    )
    return case, promise


def kept_and_broken():
    kept_case, kept = promised("5000.00")
    pay(kept_case.loan, "5000.00", DUE)
    broken_case, broken = promised("3000.00")
    pay(broken_case.loan, "2999.99", DUE)
    return kept, broken


def promise_events():
    return list(WebhookEvent.objects.filter(type__startswith="promise.").order_by("id"))


def test_a_day_end_that_keeps_one_promise_and_breaks_another_emits_exactly_those():
    kept, broken = kept_and_broken()
    before = WebhookEvent.objects.exclude(type__startswith="promise.").count()

    day_end_run(business_date=DUE)

    events = promise_events()
    assert [(e.type, e.data["promise"]["id"]) for e in events] == sorted(
        [("promise.kept", kept.pk), ("promise.broken", broken.pk)],
        key=lambda pair: (kept if pair[1] == kept.pk else broken).case.loan_id,
    )
    by_type = {e.type: e for e in events}
    event = by_type["promise.kept"]
    assert event.loan_id == kept.case.loan_id
    assert event.business_date == DUE
    assert event.version == 1
    assert event.event_id.startswith("evt_") and len(event.event_id) == 36
    assert int(event.event_id[4:], 16) >= 0
    assert event.data == {
        "promise": {
            "id": kept.pk,
            "case": kept.case_id,
            "loan": kept.case.loan_id,
            "amount": "5000.00",
            "promised_on": DUE.isoformat(),
            "status": "kept",
            "settled_on": DUE.isoformat(),
        }
    }
    assert by_type["promise.broken"].data["promise"]["amount"] == "3000.00"
    assert by_type["promise.broken"].data["promise"]["status"] == "broken"
    assert events[0].event_id != events[1].event_id
    for event in events:  # the published shape
        validator = Draft4Validator(_openapi_30_to_jsonschema(envelope_schema(event.type)))
        assert not [e.message for e in validator.iter_errors(envelope(event))]
    # Other events of the run are untouched by the promise step.
    assert WebhookEvent.objects.exclude(type__startswith="promise.").count() >= before

    # The audit trail names each promise settled, with its outcome.
    trail = {
        (e.action, e.target_id): e
        for e in AuditEvent.objects.filter(action__in=["promise.kept", "promise.broken"])
    }
    assert set(trail) == {("promise.kept", str(kept.pk)), ("promise.broken", str(broken.pk))}
    kept_audit = trail[("promise.kept", str(kept.pk))]
    assert kept_audit.target_type == "collection.promisetopay"
    assert kept_audit.after["promise"]["status"] == "kept"
    assert kept_audit.after["business_date"] == DUE.isoformat()
    summary = AuditEvent.objects.get(action="promises.settled")
    assert kept_audit.after["settlement"] == summary.after["settlement"]


def test_a_rolled_back_day_end_emits_none_and_its_resumption_emits_once():
    kept, _ = kept_and_broken()
    # The last step of the finish fails: the promise step's work rolls back with it.
    snapshot = mock.patch("collection.dayend.job.portfolio_snapshot_write", side_effect=Boom)
    with snapshot, pytest.raises(Boom):
        day_end_run(business_date=DUE)
    assert promise_events() == []
    assert not AuditEvent.objects.filter(action__in=["promise.kept", "promise.broken"]).exists()
    kept.refresh_from_db()
    assert kept.status == PromiseStatus.PENDING and kept.settlement_key is None

    run = day_end_run(business_date=DUE)  # resumes the failed run

    assert run.outcome == "resumed"
    assert sorted(e.type for e in promise_events()) == ["promise.broken", "promise.kept"]
    # Completed: another run, or the step itself again, settles and emits nothing more.
    assert day_end_run(business_date=DUE).outcome == "already_completed"
    assert promises_settle(business_date=DUE)["kept"] == 0
    assert len(promise_events()) == 2
    assert AuditEvent.objects.filter(action__in=["promise.kept", "promise.broken"]).count() == 2


def test_a_later_settlement_reports_only_its_own_promises(settings):
    kept_and_broken()
    promises_settle(business_date=DUE)
    _, later = promised("100.00")
    promises_settle(business_date=DUE)  # same date, a promise recorded since
    events = promise_events()
    assert [e.data["promise"]["id"] for e in events[2:]] == [later.pk]

    settings.WEBHOOK_OUTBOX_ENABLED = False
    promised("200.00")
    promises_settle(business_date=DUE)
    assert len(promise_events()) == 3
