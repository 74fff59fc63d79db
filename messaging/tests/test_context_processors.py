"""The header's unread count (messaging.context_processors): a borrower's is kept with
their other reads and is right after every change that moves it; staff's is counted."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from messaging.context_processors import unread_shown
from messaging.models import Message
from messaging.services.messages import messages_release_held
from messaging.services.moderation import message_hide
from messaging.services.threads import thread_read_mark
from messaging.tests.factories import loan_thread, officer, say

pytestmark = pytest.mark.django_db


def test_a_borrowers_count_follows_every_change_and_is_kept_between(
    django_assert_num_queries, settings
):
    assert settings.READ_CACHE_SECONDS > 0  # the suite runs with the cache on
    thread = loan_thread()
    person, staff_member = thread.borrower, officer()
    assert unread_shown(person) == 0
    say(thread, staff_member)
    say(thread, staff_member)
    assert unread_shown(person) == 2
    with django_assert_num_queries(0):  # nothing changed: kept
        assert unread_shown(person) == 2
    thread_read_mark(acting_user=person, thread=thread)  # not audited: changes the token
    assert unread_shown(person) == 0
    say(thread, staff_member)
    assert unread_shown(person) == 1
    message_hide(acting_user=staff_member, message=Message.objects.latest("id"), reason="wrong")
    assert unread_shown(person) == 0


def test_a_held_message_counts_once_it_is_delivered():
    thread = loan_thread()
    say(thread, officer())
    held = Message.objects.latest("id")
    soon = timezone.now() + timedelta(minutes=5)
    Message.objects.filter(pk=held.pk).update(delivered_at=None, held_until=soon)
    thread_read_mark(acting_user=thread.borrower, thread=thread)
    assert unread_shown(thread.borrower) == 0
    assert messages_release_held(now=soon + timedelta(seconds=1)) == 1
    assert unread_shown(thread.borrower) == 1


def test_staff_counts_are_never_kept(django_assert_num_queries):
    thread = loan_thread()
    staff_member = officer()
    say(thread, thread.borrower)
    assert unread_shown(staff_member) == 1
    with django_assert_num_queries(1):
        assert unread_shown(staff_member) == 1


def test_the_page_header_shows_the_kept_count_and_drops_it_once_read():
    thread = loan_thread()
    say(thread, officer())
    browser = Client()
    browser.force_login(thread.borrower)
    assert 'aria-label="1 unread"' in browser.get("/dashboard/").content.decode()
    assert 'aria-label="1 unread"' in browser.get("/dashboard/").content.decode()  # kept
    thread_read_mark(acting_user=thread.borrower, thread=thread)
    assert "unread</span>" not in browser.get("/dashboard/").content.decode()
    assert 'class="badge"' not in browser.get("/dashboard/").content.decode()
