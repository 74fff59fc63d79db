"""The messaging API: BOLA (someone else's thread is 404), posting, moderation, search,
and query-count guards on the lists."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.test import APIClient

from accounts.roles import AUDITOR
from accounts.tests.factories import borrower, staff
from messaging.models import Message, Thread
from messaging.tests.factories import (
    PDF,
    application_thread,
    case_with_collector,
    loan_thread,
    officer,
    say,
)

pytestmark = pytest.mark.django_db


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_login(user)
    return client


def test_borrower_lists_own_threads_with_unread_counts():
    thread = loan_thread()
    say(thread, officer(), "Hi")
    loan_thread()  # someone else's
    response = client_for(thread.borrower).get("/api/v1/threads/")
    assert response.status_code == 200
    rows = response.json()["results"]
    assert [(r["id"], r["unread"], r["loan"]) for r in rows] == [(thread.pk, 1, thread.loan_id)]


def test_bola_another_borrowers_thread_is_404():
    thread = loan_thread()
    say(thread, thread.borrower, "private")
    message = Message.objects.get()
    intruder = client_for(borrower())
    for path in (
        f"/api/v1/threads/{thread.pk}/",
        f"/api/v1/threads/{thread.pk}/messages/",
    ):
        assert intruder.get(path).status_code == 404
    response = intruder.post(f"/api/v1/threads/{thread.pk}/messages/", {"body": "x"}, format="json")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/problem+json")
    assert intruder.post(f"/api/v1/threads/{thread.pk}/read/").status_code == 404
    assert (
        intruder.post(
            f"/api/v1/messages/{message.pk}/report/", {"reason": "x"}, format="json"
        ).status_code
        == 404
    )
    assert (
        intruder.post("/api/v1/threads/", {"loan": thread.loan_id}, format="json").status_code
        == 404
    )
    assert Message.objects.count() == 1


def test_bola_another_collectors_thread_is_404():
    case, agent = case_with_collector()
    mine = loan_thread(case.loan)
    other_case, _ = case_with_collector()
    theirs = loan_thread(other_case.loan)
    client = client_for(agent)
    assert [r["id"] for r in client.get("/api/v1/threads/").json()["results"]] == [mine.pk]
    assert client.get(f"/api/v1/threads/{theirs.pk}/messages/").status_code == 404
    assert (
        client.post(
            f"/api/v1/threads/{theirs.pk}/messages/", {"body": "pay"}, format="json"
        ).status_code
        == 404
    )
    assert (
        client.post("/api/v1/threads/", {"loan": other_case.loan_id}, format="json").status_code
        == 404
    )
    # Their own case's loan: the thread opens (200, it exists already).
    assert client.post("/api/v1/threads/", {"loan": case.loan_id}, format="json").status_code == 200
    # Applications are not a collector's to see.
    app_thread = application_thread()
    assert client.get(f"/api/v1/threads/{app_thread.pk}/").status_code == 404


def test_open_thread_on_application_then_again():
    thread = application_thread()
    Thread.objects.all().delete()
    client = client_for(thread.borrower)
    first = client.post("/api/v1/threads/", {"application": thread.application_id}, format="json")
    assert first.status_code == 201
    again = client.post("/api/v1/threads/", {"application": thread.application_id}, format="json")
    assert (again.status_code, again.json()["id"]) == (200, first.json()["id"])
    both = client.post("/api/v1/threads/", {"application": 1, "loan": 1}, format="json")
    assert both.status_code == 400


def test_post_text_and_attachment_and_read_receipt():
    thread = loan_thread()
    staff_member = officer()
    client = client_for(thread.borrower)
    response = client.post(
        f"/api/v1/threads/{thread.pk}/messages/",
        {"body": "My payslip", "file": SimpleUploadedFile("p.pdf", PDF, "application/pdf")},
        format="multipart",
    )
    assert response.status_code == 201, response.json()
    body = response.json()
    assert body["attachment_type"] == "application/pdf" and body["read"] is False
    assert body["attachment_url"].endswith(f"/messages/{thread.pk}/{body['id']}/file/")
    staff_client = client_for(staff_member)
    assert staff_client.post(f"/api/v1/threads/{thread.pk}/read/").status_code == 204
    rows = client.get(f"/api/v1/threads/{thread.pk}/messages/").json()["results"]
    assert rows[0]["read"] is True
    bad = client.post(
        f"/api/v1/threads/{thread.pk}/messages/",
        {"file": SimpleUploadedFile("x.pdf", b"GIF89a....", "application/pdf")},
        format="multipart",
    )
    assert bad.status_code == 400 and bad.json()["code"] == "validation_error"


def test_rate_limited_post_is_429(settings):
    settings.MESSAGES_PER_HOUR = 1
    thread = loan_thread()
    client = client_for(thread.borrower)
    path = f"/api/v1/threads/{thread.pk}/messages/"
    assert client.post(path, {"body": "one"}, format="json").status_code == 201
    response = client.post(path, {"body": "two"}, format="json")
    assert response.status_code == 429 and response.json()["code"] == "throttled"
    assert "Retry-After" in response


def test_hide_and_report_through_the_api():
    thread = loan_thread()
    staff_member = officer()
    received = say(thread, staff_member, "pay now")
    sent = say(thread, thread.borrower, "bad words")
    borrower_client, staff_client = client_for(thread.borrower), client_for(staff_member)

    reported = borrower_client.post(
        f"/api/v1/messages/{received.pk}/report/", {"reason": "threat"}, format="json"
    )
    assert reported.status_code == 200 and reported.json()["reported"] is True
    assert (
        staff_client.post(
            f"/api/v1/messages/{sent.pk}/hide/", {"reason": ""}, format="json"
        ).status_code
        == 400
    )
    hidden = staff_client.post(
        f"/api/v1/messages/{sent.pk}/hide/", {"reason": "abusive"}, format="json"
    )
    assert hidden.status_code == 200 and hidden.json()["hidden_reason"] == "abusive"
    rows = borrower_client.get(f"/api/v1/threads/{thread.pk}/messages/").json()["results"]
    shown = next(r for r in rows if r["id"] == sent.pk)
    assert (shown["hidden"], shown["body"], shown["hidden_reason"]) == (True, "", "")
    # A borrower cannot hide.
    assert (
        borrower_client.post(
            f"/api/v1/messages/{received.pk}/hide/", {"reason": "x"}, format="json"
        ).status_code
        == 403
    )


def test_staff_search_within_what_they_may_see():
    case, agent = case_with_collector()
    mine = loan_thread(case.loan)
    say(mine, mine.borrower, "salary delayed this month")
    other = loan_thread()
    say(other, other.borrower, "salary delayed again")
    found = client_for(agent).get("/api/v1/threads/", {"q": "salary"}).json()["results"]
    assert [r["id"] for r in found] == [mine.pk]
    everyone = client_for(staff(AUDITOR)).get("/api/v1/threads/", {"q": "SALARY"}).json()
    assert {r["id"] for r in everyone["results"]} == {mine.pk, other.pk}
    assert client_for(mine.borrower).get("/api/v1/threads/", {"q": "x"}).status_code == 403


def test_thread_list_query_count_does_not_grow(django_assert_max_num_queries):
    from loans.tests.factories import active_loan, kyc_verified_borrower

    person = kyc_verified_borrower()

    for _ in range(2):
        thread = loan_thread(active_loan(borrower=person))
        say(thread, officer(), "hi")
    client = client_for(person)
    client.get("/api/v1/threads/")  # warm the session
    with django_assert_max_num_queries(6) as few:
        client.get("/api/v1/threads/")
    for _ in range(3):
        thread = loan_thread(active_loan(borrower=person))
        say(thread, officer(), "hi")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get("/api/v1/threads/")
    assert response.json()["count"] == 5


def test_message_list_query_count_does_not_grow(django_assert_max_num_queries):
    thread = loan_thread()
    staff_member = officer()
    say(thread, staff_member, "one")
    client = client_for(thread.borrower)
    path = f"/api/v1/threads/{thread.pk}/messages/"
    client.get(path)
    with django_assert_max_num_queries(8) as few:
        client.get(path)
    for n in range(5):
        say(thread, staff_member, f"more {n}")
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(path)
    assert response.json()["count"] == 6
