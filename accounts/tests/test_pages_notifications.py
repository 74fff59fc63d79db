"""The borrower's messages page (/notifications/): their own reminders, newest first."""

from datetime import timedelta
from itertools import count

import pytest
from django.urls import reverse
from django.utils import timezone

from accounts.tests.factories import UserFactory, borrower, staff
from accounts.tests.test_pages_landing import assert_csp_clean, text_of
from collection.models import Notification

URL = "/notifications/"
_keys = count(1)


def notify(person, *, kind="due_t3", status="sent", body="Your EMI of ₹8,884.88 is due.", **extra):
    now = timezone.now()
    fields = {
        "borrower": person,
        "kind": kind,
        "channel": "email",
        "subject": "",
        "body": body,
        "status": status,
        "not_before": now,
        "sent_at": now if status == "sent" else None,
        "dedupe_key": f"{kind}:{next(_keys)}:email",
        **extra,
    }
    return Notification.objects.create(**fields)


@pytest.mark.django_db
def test_anonymous_visitors_are_sent_to_log_in(client):
    page = client.get(URL)
    assert page.status_code == 302
    assert page["Location"] == f"{reverse('accounts:login')}?next={URL}"


@pytest.mark.django_db
def test_lists_own_messages_newest_first_with_status_in_plain_words(client):
    person = borrower()
    notify(person, kind="due_t3", status="sent", body="First: due in three days.")
    notify(person, kind="due_today", status="held", body="Second: due today.")
    notify(person, kind="promise_due", status="failed", channel="sms", body="Third: promise.")
    notify(UserFactory(), kind="due_t1", body="Someone else's reminder.")
    client.force_login(person)

    page = client.get(URL)
    assert page.status_code == 200
    assert_csp_clean(page)
    words = text_of(page)
    assert "Someone else's reminder." not in words
    third, second, first = (words.index(t) for t in ("Third:", "Second:", "First:"))
    assert third < second < first
    assert "Reminder: the payment you promised is due" in words
    assert "SMS · Could not be delivered" in words
    assert "Email · Waiting: we only send messages between 8 am and 7 pm" in words
    assert "Reminder: an installment is due in 3 days" in words
    assert "Email · Sent on" in words
    assert "not kept here: we don't store them" in words


@pytest.mark.django_db
def test_a_subject_is_shown_when_there_is_one(client):
    person = borrower()
    notify(person, kind="due_t1", subject="Installment 3 due tomorrow")
    client.force_login(person)
    assert "Installment 3 due tomorrow" in text_of(client.get(URL))


@pytest.mark.django_db
def test_empty_page_says_what_will_appear(client):
    client.force_login(staff("loan_officer"))  # staff have their own (empty) page
    words = text_of(client.get(URL))
    assert "No messages yet." in words
    assert "not kept here" in words


@pytest.mark.django_db
def test_pages_of_twenty_with_bounded_queries(client, django_assert_max_num_queries):
    person = borrower()
    start = timezone.now() - timedelta(days=30)
    for n in range(45):
        row = notify(person, body=f"Message number {n:02d}.")
        Notification.objects.filter(pk=row.pk).update(created_at=start + timedelta(hours=n))
    client.force_login(person)

    with django_assert_max_num_queries(5):
        first = client.get(URL)
    words = text_of(first)
    assert words.count("Message number") == 20
    assert "Message number 44." in words and "Message number 24." not in words
    assert "Page 1 of 3" in words
    last = text_of(client.get(URL, {"page": 3}))
    assert last.count("Message number") == 5 and "Message number 00." in last
    assert "Page 1 of 3" in text_of(client.get(URL, {"page": "nonsense"}))
    assert "Page 3 of 3" in text_of(client.get(URL, {"page": "99"}))
