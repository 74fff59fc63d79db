"""The outbox: an event per committed change, none for a rolled-back or refused one."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import transaction

from integrations.models import WebhookDelivery, WebhookEvent
from integrations.services.deliveries import events_dispatch
from lendingsite.audit_actions import ACTIONS, WEBHOOK_EVENTS
from lendingsite.errors import DomainError
from loans.tests.factories import active_loan
from repayments.tests.factories import emi_of, post_payment

pytestmark = pytest.mark.django_db
DAY = date(2026, 3, 10)


class Boom(Exception):
    pass


def test_every_public_event_is_a_registered_audit_action():
    assert set(WEBHOOK_EVENTS) <= ACTIONS


def test_the_loan_chain_emits_its_events_in_order():
    loan = active_loan(disbursed_on=DAY)
    types = list(WebhookEvent.objects.values_list("type", flat=True))
    assert types == [
        "application.submitted",
        "application.approved",
        "application.accepted",
        "loan.disbursed",
    ]
    disbursed = WebhookEvent.objects.get(type="loan.disbursed")
    assert disbursed.loan_id == loan.pk
    assert disbursed.business_date == DAY
    assert disbursed.data["loan"]["status"] == "active"
    assert disbursed.data["loan"]["principal"] == f"{loan.principal:.2f}"
    assert disbursed.event_id.startswith("evt_")


def test_a_committed_payment_emits_one_event_with_its_allocation():
    loan = active_loan(disbursed_on=DAY)
    before = WebhookEvent.objects.count()
    payment = post_payment(loan, amount=emi_of(loan), paid_on=date(2026, 4, 10))
    event = WebhookEvent.objects.order_by("id").last()
    assert WebhookEvent.objects.count() == before + 1
    assert event.type == "payment.posted"
    assert event.loan_id == loan.pk
    assert event.business_date == date(2026, 4, 10)
    data = event.data
    assert data["payment"]["id"] == payment.pk
    assert data["payment"]["amount"] == f"{payment.amount:.2f}"
    allocation = data["payment"]["allocation"]
    assert sum(Decimal(v) for v in allocation.values()) == payment.amount
    assert data["loan_after"]["status"] == "active"


def test_a_rolled_back_payment_emits_nothing():
    loan = active_loan(disbursed_on=DAY)
    before = WebhookEvent.objects.count()
    with pytest.raises(Boom), transaction.atomic():
        post_payment(loan, amount=emi_of(loan), paid_on=date(2026, 4, 10))
        assert WebhookEvent.objects.count() == before + 1  # written inside the transaction
        raise Boom
    assert WebhookEvent.objects.count() == before


def test_a_refused_payment_emits_nothing():
    loan = active_loan(disbursed_on=DAY)
    before = WebhookEvent.objects.count()
    with pytest.raises(DomainError):
        post_payment(loan, amount=Decimal("0.10"), paid_on=date(2026, 4, 10))
    assert WebhookEvent.objects.count() == before


def test_paying_the_loan_off_also_emits_loan_closed():
    loan = active_loan(disbursed_on=DAY, tenure=3)
    post_payment(loan, amount=Decimal(loan.principal) * 2, paid_on=date(2026, 3, 15))
    last_two = list(WebhookEvent.objects.order_by("-id").values_list("type", flat=True)[:2])
    assert last_two[1] == "payment.posted"
    assert last_two[0] in ("loan.closed", "loan.foreclosed")


def test_the_outbox_switch_turns_emission_off(settings):
    loan = active_loan(disbursed_on=DAY)
    settings.WEBHOOK_OUTBOX_ENABLED = False
    before = WebhookEvent.objects.count()
    post_payment(loan, amount=emi_of(loan), paid_on=date(2026, 4, 10))
    assert WebhookEvent.objects.count() == before


def test_the_commit_queues_a_dispatch_that_creates_deliveries(
    endpoint, django_capture_on_commit_callbacks, monkeypatch
):
    sent = []
    monkeypatch.setattr("integrations.tasks.deliver.delay", sent.append)
    with django_capture_on_commit_callbacks(execute=True):
        loan = active_loan(disbursed_on=DAY)
    deliveries = WebhookDelivery.objects.filter(endpoint=endpoint)
    assert deliveries.count() == 4
    assert sorted(sent) == sorted(deliveries.values_list("pk", flat=True))
    assert not WebhookEvent.objects.filter(dispatched_at__isnull=True).exists()
    assert loan.pk


def test_dispatch_honours_subscriptions(endpoint):
    endpoint.event_types = ["loan.disbursed"]
    endpoint.save()
    active_loan(disbursed_on=DAY)
    assert events_dispatch() == 4
    assert list(WebhookDelivery.objects.values_list("event__type", flat=True)) == ["loan.disbursed"]
    assert events_dispatch() == 0


def test_the_day_end_emits_a_bucket_change_per_loan_that_moved():
    from collection.dayend.job import day_end_run

    moving = active_loan(disbursed_on=DAY)  # first due 10 Apr 2026, unpaid: DPD 2 on the 11th
    paid = active_loan(disbursed_on=DAY)
    post_payment(paid, amount=emi_of(paid), paid_on=date(2026, 4, 10))
    before = WebhookEvent.objects.count()
    day_end_run(business_date=date(2026, 4, 11))
    changes = list(WebhookEvent.objects.filter(type="loan.bucket_changed"))
    (opened,) = WebhookEvent.objects.filter(type="case.opened")
    assert opened.loan_id == moving.pk and opened.data["case"]["opened_on"] == "2026-04-11"
    assert WebhookEvent.objects.count() == before + len(changes) + 1
    (change,) = changes
    assert change.loan_id == moving.pk
    assert change.business_date == date(2026, 4, 11)
    assert change.data == {
        "loan": {"id": moving.pk, "dpd": 2, "bucket": "SMA-0"},
        "from_bucket": "current",
        "to_bucket": "SMA-0",
    }
    # The same date again changes nothing, and emits nothing.
    day_end_run(business_date=date(2026, 4, 11))
    assert WebhookEvent.objects.filter(type="loan.bucket_changed").count() == 1
    # Paid up: the next day-end closes the case and moves the loan back to current.
    post_payment(moving, amount=emi_of(moving), paid_on=date(2026, 4, 12))
    day_end_run(business_date=date(2026, 4, 12))
    assert WebhookEvent.objects.filter(type="case.closed", loan_id=moving.pk).count() == 1


def test_a_write_off_and_a_settlement_are_events_too():
    from datetime import timedelta

    from accounts.roles import COLLECTIONS_MANAGER, CREDIT_MANAGER
    from accounts.tests.factories import staff
    from lendingsite.dates import today_ist
    from repayments.services.servicing.proposals import proposal_approve
    from repayments.services.servicing.settlements import loan_settlement_propose
    from repayments.services.servicing.writeoffs import loan_write_off_propose

    today = today_ist()
    written = active_loan(disbursed_on=today - timedelta(days=100))
    proposal = loan_write_off_propose(
        acting_user=staff(CREDIT_MANAGER), loan=written, kind="full", reason="No contact"
    )
    proposal_approve(acting_user=staff(COLLECTIONS_MANAGER), proposal=proposal, note="Agreed")
    event = WebhookEvent.objects.get(type="loan.written_off")
    assert event.loan_id == written.pk
    assert event.data["loan"]["status"] == "written_off"

    settled = active_loan(disbursed_on=today - timedelta(days=100))
    proposal = loan_settlement_propose(
        acting_user=staff(COLLECTIONS_MANAGER),
        loan=settled,
        amount=Decimal("60000.00"),
        installments=None,
        grace_days=3,
        reason="Job loss",
    )
    proposal_approve(acting_user=staff(CREDIT_MANAGER), proposal=proposal)
    assert not WebhookEvent.objects.filter(type="loan.settled").exists()
    post_payment(settled, amount=Decimal("60000.00"), paid_on=today)
    event = WebhookEvent.objects.get(type="loan.settled")
    assert event.loan_id == settled.pk
    assert event.data["loan"]["status"] == "settled"
    assert event.data["loan"]["principal_outstanding"] == "0.00"
