"""Borrower reminders: T-3, T-1, due today and promise dates, in-app and by email and SMS,
the email and SMS never outside 08:00-19:00 IST (collection.services.reminders)."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail

from accounts.services.privacy import consent_set
from collection import notify
from collection.models import Notification, NotificationStatus
from collection.notices.kinds import RECOVERY_KINDS
from collection.services.desk import promise_record
from collection.services.reminders import (
    in_calling_hours,
    next_calling_window,
    reminders_release_held,
    reminders_send,
)
from collection.tasks.desk import reminders_release_held_task, reminders_send_task
from collection.tests.factories_desk import CaseFactory, at, collector
from lendingsite.dates import today_ist
from lendingsite.money import format_inr
from loans.tests.factories import active_loan, kyc_verified_borrower

pytestmark = pytest.mark.django_db
D = Decimal


@pytest.fixture(autouse=True)
def _sms_outbox(settings):
    settings.SMS_BACKEND = "collection.notify.LocmemSmsBackend"
    settings.REMINDER_CHANNELS = ["email", "sms"]
    settings.REMINDERS_ENABLED = True
    notify.outbox.clear()
    yield
    notify.outbox.clear()


@pytest.fixture
def loan():
    return active_loan(amount=D("120000.00"), tenure=12)


def first_due(loan):
    return loan.installments.order_by("number").first()


def reminders():
    # The loan's own notices (offer, disbursement) are not reminders.
    return Notification.objects.filter(kind__in=RECOVERY_KINDS)


def sent_kinds():
    return sorted(reminders().values_list("kind", "channel", "status"))


# --- the calling window ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("hour", "minute", "inside"),
    [(7, 59, False), (8, 0, True), (12, 0, True), (18, 59, True), (19, 0, False), (23, 30, False)],
)
def test_calling_hours_are_eight_to_seven_ist(hour, minute, inside):
    assert in_calling_hours(at(today_ist(), hour, minute)) is inside


def test_next_window_is_the_same_morning_or_the_next():
    day = today_ist()
    assert next_calling_window(at(day, 7, 59)) == at(day, 8, 0)
    assert next_calling_window(at(day, 19, 0)) == at(day + timedelta(days=1), 8, 0)
    assert next_calling_window(at(day, 23, 45)) == at(day + timedelta(days=1), 8, 0)
    assert next_calling_window(at(day, 10, 0)) == at(day, 10, 0)


# --- sending --------------------------------------------------------------------------


@pytest.mark.parametrize(("days_before", "kind"), [(3, "due_t3"), (1, "due_t1"), (0, "due_today")])
def test_reminders_before_and_on_the_due_date_by_email_and_sms(loan, days_before, kind):
    installment = first_due(loan)
    day = installment.due_date - timedelta(days=days_before)

    counts = reminders_send(business_date=day, now=at(day, 9))

    assert counts["created"] == 1 and counts["notices"] == 1
    assert counts["sent"] == 2 and counts["held"] == 0
    assert sent_kinds() == [
        (kind, "email", "sent"),
        (kind, "in_app", "sent"),
        (kind, "sms", "sent"),
    ]
    email = reminders().get(channel="email")
    assert email.dedupe_key == f"{kind}:{installment.pk}:email"
    assert (email.borrower, email.loan, email.installment) == (loan.borrower, loan, installment)
    assert email.sent_at == at(day, 9)
    in_app = reminders().get(channel="in_app")
    assert in_app.dedupe_key == f"{kind}:{installment.pk}:in_app"
    assert (in_app.subject, in_app.body) == (email.subject, email.body)
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [loan.borrower.email]
    assert f"loan #{loan.pk}" in mail.outbox[0].subject
    assert format_inr(installment.total_due) in mail.outbox[0].body
    assert notify.outbox == [{"to": loan.borrower.profile.phone, "body": notify.outbox[0]["body"]}]
    assert f"loan #{loan.pk}" in notify.outbox[0]["body"]


def test_no_reminder_on_other_days_and_a_second_run_sends_nothing_new(loan):
    due = first_due(loan).due_date
    assert reminders_send(business_date=due - timedelta(days=2), now=at(due, 9))["created"] == 0
    reminders_send(business_date=due - timedelta(days=1), now=at(due - timedelta(days=1), 9))

    again = reminders_send(business_date=due - timedelta(days=1), now=at(due, 10))

    assert again["created"] == 0 and again["sent"] == 0
    assert reminders().count() == 3
    assert len(mail.outbox) == 1 and len(notify.outbox) == 1


def test_promise_date_reminder(loan):
    mine = collector()
    case = CaseFactory(loan=loan, assigned_to=mine, opened_on=today_ist() - timedelta(days=3))
    promise = promise_record(
        acting_user=mine, case=case, amount=D("4200.00"), promised_on=today_ist() + timedelta(2)
    )
    day = promise.promised_on

    reminders_send(business_date=day, now=at(day, 9, 30))

    promise_rows = Notification.objects.filter(kind="promise_due").order_by("channel")
    assert [(n.channel, n.promise_id, n.status) for n in promise_rows] == [
        ("email", promise.pk, "sent"),
        ("in_app", promise.pk, "sent"),
        ("sms", promise.pk, "sent"),
    ]
    assert promise_rows[0].dedupe_key == f"promise_due:{promise.pk}:email"
    assert "₹4,200.00" in promise_rows[0].body


def test_no_sms_without_a_phone_number():
    loan = active_loan(borrower=kyc_verified_borrower(phone=""))
    due = first_due(loan).due_date
    reminders_send(business_date=due, now=at(due, 9))
    assert sorted(reminders().values_list("channel", flat=True)) == ["email", "in_app"]
    assert notify.outbox == []


def test_a_failing_channel_is_recorded_and_the_other_still_goes(loan, settings):
    settings.SMS_BACKEND = "collection.notify.UnconfiguredSmsBackend"
    due = first_due(loan).due_date
    counts = reminders_send(business_date=due, now=at(due, 9))
    assert (counts["sent"], counts["failed"]) == (1, 1)
    sms = reminders().get(channel="sms")
    assert sms.status == NotificationStatus.FAILED
    assert sms.error == "No SMS gateway is configured (set SMS_BACKEND)."
    assert sms.sent_at is None
    assert len(mail.outbox) == 1


def test_no_reminders_for_a_borrower_who_withdrew_consent(loan):
    due = first_due(loan).due_date
    reminders_send(business_date=due - timedelta(days=1), now=at(due, 6))  # two held
    consent_set(acting_user=loan.borrower, purpose="reminders", granted=False)

    counts = reminders_send(business_date=due, now=at(due, 9))

    assert counts["created"] == 0 and counts["sent"] == 0 and counts["failed"] == 2
    assert set(reminders().values_list("kind", "channel", "status", "error")) == {
        ("due_t1", "in_app", "sent", ""),  # shown before the withdrawal
        ("due_t1", "email", "failed", "Not sent: the borrower withdrew consent to reminders."),
        ("due_t1", "sms", "failed", "Not sent: the borrower withdrew consent to reminders."),
    }
    assert mail.outbox == [] and notify.outbox == []


# --- calling hours: held and released -------------------------------------------------


def test_before_eight_messages_are_held_and_released_at_eight(loan):
    due = first_due(loan).due_date

    counts = reminders_send(business_date=due, now=at(due, 7, 59))

    assert (counts["created"], counts["held"], counts["sent"]) == (1, 2, 0)
    # The in-app copy is not contact: it is on the borrower's page at once.
    assert reminders().get(channel="in_app").status == NotificationStatus.SENT
    assert set(reminders().exclude(channel="in_app").values_list("status", "not_before")) == {
        (NotificationStatus.HELD, at(due, 8, 0))
    }
    assert mail.outbox == [] and notify.outbox == []
    assert reminders_release_held(now=at(due, 7, 59))["sent"] == 0
    assert mail.outbox == []

    assert reminders_release_held(now=at(due, 8, 0))["sent"] == 2

    assert set(reminders().exclude(channel="in_app").values_list("status", "sent_at")) == {
        (NotificationStatus.SENT, at(due, 8, 0))
    }
    assert len(mail.outbox) == 1 and len(notify.outbox) == 1
    assert reminders_release_held(now=at(due, 8, 15))["sent"] == 0  # nothing sent twice


def test_at_seven_pm_messages_wait_for_the_next_morning(loan):
    installment = first_due(loan)
    day = installment.due_date - timedelta(days=1)

    reminders_send(business_date=day, now=at(day, 19, 0))

    assert set(reminders().exclude(channel="in_app").values_list("status", "not_before")) == {
        (NotificationStatus.HELD, at(day + timedelta(days=1), 8, 0))
    }
    assert reminders_release_held(now=at(day, 23, 0))["sent"] == 0
    assert reminders_release_held(now=at(day + timedelta(days=1), 7, 45))["sent"] == 0
    assert mail.outbox == []
    assert reminders_release_held(now=at(day + timedelta(days=1), 8, 0))["sent"] == 2


# --- switches -------------------------------------------------------------------------


def test_reminders_switched_off_create_and_send_nothing(loan, settings):
    due = first_due(loan).due_date
    reminders_send(business_date=due, now=at(due, 7))  # two held messages
    settings.REMINDERS_ENABLED = False

    assert reminders_send(business_date=due - timedelta(days=1), now=at(due, 9))["created"] == 0
    assert reminders_release_held(now=at(due, 9))["sent"] == 0

    assert reminders().count() == 3
    assert set(reminders().exclude(channel="in_app").values_list("status", flat=True)) == {"held"}
    assert mail.outbox == [] and notify.outbox == []
    assert reminders_send_task() is None
    assert reminders_release_held_task() is None


def test_cron_switch_stops_the_tasks(loan, settings):
    settings.CRON_ENABLED = False
    due = first_due(loan).due_date
    assert reminders_send_task(business_date=due.isoformat()) is None
    assert not reminders().exists()


def test_the_task_sends_for_the_given_business_date(loan):
    due = first_due(loan).due_date
    counts = reminders_send_task(business_date=due.isoformat())
    assert counts["created"] == 1
    assert set(reminders().values_list("kind", flat=True)) == {"due_today"}
