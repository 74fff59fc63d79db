"""The conversation pages (/messages/): the list, a thread with its plain form (no
JavaScript needed), report, attachments; someone else's thread is 404; query counts stay
flat; the header's unread count."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.tests.factories import borrower
from messaging.models import Message, Thread
from messaging.tests.factories import (
    PDF,
    case_with_collector,
    loan_thread,
    officer,
    say,
)
from portal.tests.test_pages_landing import assert_csp_clean, text_of

pytestmark = pytest.mark.django_db


def test_thread_page_posts_and_reloads_without_javascript(client):
    thread = loan_thread()
    client.force_login(thread.borrower)
    page = client.get(f"/messages/{thread.pk}/")
    assert page.status_code == 200
    html = assert_csp_clean(page)
    assert f'data-ws-path="/ws/threads/{thread.pk}/"' in html
    assert "js/thread-live.js" in html
    response = client.post(f"/messages/{thread.pk}/", {"body": "When is my EMI due?"})
    assert response.status_code == 302
    message = Message.objects.get()
    assert response["Location"] == f"/messages/{thread.pk}/#message-{message.pk}"
    assert "When is my EMI due?" in text_of(client.get(f"/messages/{thread.pk}/"))


def test_empty_or_bad_file_is_a_form_error_in_plain_words(client):
    thread = loan_thread()
    client.force_login(thread.borrower)
    page = client.post(f"/messages/{thread.pk}/", {"body": ""})
    assert page.status_code == 400
    assert "Write a message or attach a file." in text_of(page)
    bad = SimpleUploadedFile("a.pdf", b"not a pdf at all", content_type="application/pdf")
    page = client.post(f"/messages/{thread.pk}/", {"body": "see", "file": bad})
    assert "Upload a PDF, JPEG or PNG file" in text_of(page)
    assert not Message.objects.exists()


def test_attachment_download_for_the_thread_only(client):
    thread = loan_thread()
    client.force_login(thread.borrower)
    client.post(
        f"/messages/{thread.pk}/",
        {"body": "", "file": SimpleUploadedFile("x.pdf", PDF, content_type="application/pdf")},
    )
    message = Message.objects.get()
    download = client.get(f"/messages/{thread.pk}/{message.pk}/file/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF
    client.force_login(borrower())
    assert client.get(f"/messages/{thread.pk}/{message.pk}/file/").status_code == 404


def test_someone_elses_thread_page_is_404(client):
    thread = loan_thread()
    client.force_login(borrower())
    assert client.get(f"/messages/{thread.pk}/").status_code == 404
    assert client.post(f"/messages/{thread.pk}/", {"body": "hi"}).status_code == 404
    assert client.post("/messages/start/", {"loan": thread.loan_id}).status_code == 404
    _, agent = case_with_collector()
    client.force_login(agent)
    assert client.get(f"/messages/{thread.pk}/").status_code == 404
    assert not Message.objects.exists()


def test_message_us_button_opens_the_loans_thread(client):
    thread = loan_thread()
    Thread.objects.all().delete()
    client.force_login(thread.borrower)
    loan_page = client.get(f"/loans/{thread.loan_id}/")
    assert "Message us about this loan" in text_of(loan_page)
    response = client.post("/messages/start/", {"loan": thread.loan_id})
    opened = Thread.objects.get()
    assert response["Location"] == f"/messages/{opened.pk}/"


def test_report_button_and_hidden_messages(client):
    thread = loan_thread()
    staff_member = officer()
    message = say(thread, staff_member, "pay or else")
    client.force_login(thread.borrower)
    page = client.get(f"/messages/{thread.pk}/")
    assert "Report this message" in text_of(page)
    response = client.post(f"/messages/{thread.pk}/{message.pk}/report/", {"reason": ""})
    assert response.status_code == 302
    message.refresh_from_db()
    assert message.reported_by == thread.borrower
    assert "Reported" in text_of(client.get(f"/messages/{thread.pk}/"))


def test_header_shows_unread_count_and_reading_clears_it(client):
    thread = loan_thread()
    say(thread, officer(), "one")
    say(thread, officer(), "two")
    client.force_login(thread.borrower)
    assert "Conversations 2" in text_of(client.get("/messages/"))
    client.get(f"/messages/{thread.pk}/")
    assert "Conversations 2" not in text_of(client.get("/messages/"))


def test_staff_console_header_shows_unread(client):
    thread = loan_thread()
    say(thread, thread.borrower, "hello officer")
    staff_member = officer()
    client.force_login(staff_member)
    page = client.get("/admin/")
    assert "Conversations (1 unread)" in text_of(page)


def test_collector_sees_the_hold_on_their_night_message(client):
    from datetime import timedelta

    from lendingsite.dates import today_ist
    from messaging.tests.factories import ist

    case, agent = case_with_collector()
    thread = loan_thread(case.loan)
    say(thread, agent, "Please call", now=ist(today_ist() - timedelta(days=0), 22))
    client.force_login(agent)
    page = text_of(client.get(f"/messages/{thread.pk}/"))
    assert "Held for calling hours: delivered at 8:00 AM" in page
    client.force_login(thread.borrower)
    assert "Please call" not in text_of(client.get(f"/messages/{thread.pk}/"))


def test_pages_query_counts_stay_flat(client, django_assert_max_num_queries):
    thread = loan_thread()
    staff_member = officer()
    say(thread, staff_member, "one")
    client.force_login(thread.borrower)
    client.get(f"/messages/{thread.pk}/")
    with django_assert_max_num_queries(30) as page_few:
        client.get(f"/messages/{thread.pk}/")
    with django_assert_max_num_queries(30) as list_few:
        client.get("/messages/")
    for n in range(6):
        say(thread, staff_member, f"more {n}")
        say(thread, thread.borrower, f"reply {n}")
    with django_assert_max_num_queries(len(page_few.captured_queries)):
        client.get(f"/messages/{thread.pk}/")
    with django_assert_max_num_queries(len(list_few.captured_queries)):
        client.get("/messages/")
