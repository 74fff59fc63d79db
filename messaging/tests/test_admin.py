"""Messaging in the officer console: scoped lists with search, the hide action (reason
required), flat query counts."""

import pytest

from accounts.roles import LOAN_OFFICER
from accounts.tests.factories import staff
from messaging.models import Message
from messaging.tests.factories import case_with_collector, loan_thread, officer, say

pytestmark = pytest.mark.django_db
THREADS = "/admin/messaging/thread/"
MESSAGES = "/admin/messaging/message/"


def test_collector_console_lists_and_searches_only_their_threads(client):
    case, agent = case_with_collector()
    mine = loan_thread(case.loan)
    say(mine, mine.borrower, "salary delayed")
    other = loan_thread()
    say(other, other.borrower, "salary delayed too")
    client.force_login(agent)
    page = client.get(THREADS, {"q": "salary"})
    assert page.status_code == 200
    assert list(page.context["cl"].result_list) == [mine]
    messages = client.get(MESSAGES, {"q": "salary"})
    assert [m.thread_id for m in messages.context["cl"].result_list] == [mine.pk]


def test_hide_action_needs_a_reason_then_hides(client):
    thread = loan_thread()
    message = say(thread, thread.borrower, "abuse")
    client.force_login(staff(LOAN_OFFICER))
    form = client.post(
        MESSAGES, {"action": "hide_selected", "_selected_action": [message.pk], "apply": "1"}
    )
    assert form.status_code == 200 and "This field is required" in form.content.decode()
    done = client.post(
        MESSAGES,
        {
            "action": "hide_selected",
            "_selected_action": [message.pk],
            "apply": "1",
            "reason": "abusive language",
        },
    )
    assert done.status_code == 302
    message.refresh_from_db()
    assert message.hidden_reason == "abusive language" and message.body == "abuse"


def test_collector_has_no_hide_action(client):
    case, agent = case_with_collector()
    thread = loan_thread(case.loan)
    say(thread, thread.borrower, "x")
    client.force_login(agent)
    page = client.get(MESSAGES)
    assert "hide_selected" not in page.content.decode()


def test_console_lists_query_counts_stay_flat(client, django_assert_max_num_queries):
    staff_member = officer()
    thread = loan_thread()
    say(thread, thread.borrower, "one")
    client.force_login(staff_member)
    client.get(THREADS)
    with django_assert_max_num_queries(40) as threads_few:
        client.get(THREADS)
    with django_assert_max_num_queries(40) as messages_few:
        client.get(MESSAGES)
    for n in range(4):
        more = loan_thread()
        say(more, more.borrower, f"hello {n}")
        say(more, staff_member, f"reply {n}")
    assert Message.objects.count() == 9
    with django_assert_max_num_queries(len(threads_few.captured_queries)):
        client.get(THREADS)
    with django_assert_max_num_queries(len(messages_few.captured_queries)):
        client.get(MESSAGES)
