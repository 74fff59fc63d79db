"""messaging.services: who may write where, attachments, the rate limit, the calling-hours
hold and its release, moderation, the unread email."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from accounts.models import AuditEvent
from accounts.roles import AUDITOR
from accounts.tests.factories import borrower, staff
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from messaging.models import Message, ThreadRead
from messaging.selectors import threads_for, unread_count
from messaging.services.messages import messages_release_held
from messaging.services.moderation import message_hide, message_report
from messaging.services.notices import unread_notices_send
from messaging.services.threads import thread_open, thread_read_mark
from messaging.tests.factories import (
    case_with_collector,
    ist,
    loan_thread,
    officer,
    pdf_file,
    say,
)

pytestmark = pytest.mark.django_db


def test_one_thread_per_loan_opened_by_borrower_or_staff():
    thread = loan_thread()
    again, created = thread_open(acting_user=officer(), loan=thread.loan)
    assert (again.pk, created) == (thread.pk, False)
    assert thread.borrower_id == thread.loan.borrower_id
    assert AuditEvent.objects.filter(action="thread.opened", target_id=str(thread.pk)).count() == 1


def test_someone_elses_loan_is_not_found():
    thread = loan_thread()
    with pytest.raises(DomainError) as error:
        thread_open(acting_user=borrower(), loan=thread.loan)
    assert error.value.code == "not_found"
    with pytest.raises(DomainError) as error:
        say(thread, borrower())
    assert error.value.code == "not_found"


def test_collector_sees_only_their_cases_threads():
    case, agent = case_with_collector()
    mine = loan_thread(case.loan)
    other_case, _ = case_with_collector()
    theirs = loan_thread(other_case.loan)
    assert list(threads_for(agent)) == [mine]
    with pytest.raises(DomainError) as error:
        say(theirs, agent)
    assert error.value.code == "not_found"


def test_auditor_reads_but_does_not_write():
    thread = loan_thread()
    auditor = staff(AUDITOR)
    with pytest.raises(DomainError) as error:
        say(thread, auditor)
    assert error.value.code == "permission_denied"
    assert not Message.objects.exists()


def test_attachment_passes_the_kyc_checks():
    thread = loan_thread()
    message = say(thread, thread.borrower, body="", uploaded_file=pdf_file())
    assert message.attachment_type == "application/pdf"
    assert message.attachment.name.startswith(f"messages/{thread.pk}/")
    assert "payslip" not in message.attachment.name
    fake = SimpleUploadedFile("x.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(DomainError) as error:
        say(thread, thread.borrower, uploaded_file=fake)
    assert error.value.errors == {
        "file": ["Upload a PDF, JPEG or PNG file; this file is none of those."]
    }


def test_too_large_attachment_refused(settings):
    settings.KYC_MAX_UPLOAD_BYTES = 10
    thread = loan_thread()
    with pytest.raises(DomainError) as error:
        say(thread, thread.borrower, uploaded_file=pdf_file())
    assert "too large" in error.value.detail
    assert AuditEvent.objects.filter(action="message.post_refused").count() == 1


def test_empty_message_refused():
    thread = loan_thread()
    with pytest.raises(DomainError) as error:
        say(thread, thread.borrower, body="   ")
    assert error.value.code == "validation_error"


def test_rate_limit_per_person(settings):
    settings.MESSAGES_PER_HOUR = 2
    thread = loan_thread()
    say(thread, thread.borrower)
    say(thread, thread.borrower)
    with pytest.raises(DomainError) as error:
        say(thread, thread.borrower)
    assert (error.value.code, error.value.status) == ("throttled", 429)
    assert error.value.retry_after > 0
    # Someone else's quota is theirs.
    say(thread, officer())


def test_collector_message_at_night_is_held_until_eight_and_then_delivered():
    case, agent = case_with_collector()
    thread = loan_thread(case.loan)
    night = ist(today_ist(), 21, 30)
    message = say(thread, agent, body="Please call us", now=night)
    eight = ist(today_ist() + timedelta(days=1), 8)
    assert (message.delivered_at, message.held_until) == (None, eight)
    # The borrower sees nothing yet; the collector sees the hold.
    assert unread_count(thread.borrower) == 0
    from messaging.selectors import visible_messages

    assert list(visible_messages(thread.borrower, thread)) == []
    assert list(visible_messages(agent, thread)) == [message]

    assert messages_release_held(now=eight - timedelta(minutes=1)) == 0
    assert messages_release_held(now=eight) == 1
    message.refresh_from_db()
    assert message.delivered_at == eight
    assert unread_count(thread.borrower) == 1
    assert AuditEvent.objects.filter(action="message.delivered", target_id=str(message.pk)).exists()


def test_officer_message_at_night_goes_at_once():
    thread = loan_thread()
    message = say(thread, officer(), now=ist(today_ist(), 22))
    assert message.delivered_at is not None and message.held_until is None


def test_hide_keeps_the_message_marks_it_and_needs_a_reason():
    thread = loan_thread()
    message = say(thread, thread.borrower, body="rude words")
    moderator = officer()
    with pytest.raises(DomainError) as error:
        message_hide(acting_user=moderator, message=message, reason=" ")
    assert error.value.code == "validation_error"
    message_hide(acting_user=moderator, message=message, reason="abusive")
    message.refresh_from_db()
    assert message.body == "rude words"
    assert (message.hidden_by, message.hidden_reason) == (moderator, "abusive")
    event = AuditEvent.objects.get(action="message.hidden")
    assert event.after == {"hidden": True, "reason": "abusive"}
    with pytest.raises(DomainError) as error:
        message_hide(acting_user=moderator, message=message, reason="again")
    assert error.value.code == "invalid_state"


def test_collector_cannot_hide():
    case, agent = case_with_collector()
    thread = loan_thread(case.loan)
    message = say(thread, thread.borrower)
    with pytest.raises(DomainError) as error:
        message_hide(acting_user=agent, message=message, reason="x")
    assert error.value.code == "permission_denied"


def test_borrower_reports_a_received_message_once():
    thread = loan_thread()
    message = say(thread, officer(), body="pay now or else")
    message_report(acting_user=thread.borrower, message=message, reason="threatening")
    message.refresh_from_db()
    assert message.reported_by == thread.borrower and message.report_reason == "threatening"
    with pytest.raises(DomainError) as error:
        message_report(acting_user=thread.borrower, message=message)
    assert error.value.code == "invalid_state"
    own = say(thread, thread.borrower)
    with pytest.raises(DomainError):
        message_report(acting_user=thread.borrower, message=own)
    with pytest.raises(DomainError) as error:
        message_report(acting_user=borrower(), message=message)
    assert error.value.code == "not_found"


def test_read_marks_and_unread_counts():
    thread = loan_thread()
    staff_member = officer()
    say(thread, staff_member)
    say(thread, staff_member)
    assert unread_count(thread.borrower) == 2
    assert unread_count(staff_member) == 0
    say(thread, thread.borrower)
    assert unread_count(staff_member) == 1
    thread_read_mark(acting_user=thread.borrower, thread=thread)
    assert unread_count(thread.borrower) == 0


def test_unread_email_once_per_stretch(mailoutbox, settings, django_capture_on_commit_callbacks):
    settings.MESSAGE_UNREAD_NOTICE_MINUTES = 30
    thread = loan_thread()
    staff_member = officer()
    start = timezone.now() - timedelta(hours=2)
    say(thread, staff_member, body="Your PAN copy is blurred", now=start)
    say(thread, staff_member, now=start + timedelta(minutes=5))
    # Too early for the first one: nothing.
    assert unread_notices_send(now=start + timedelta(minutes=20)) == 0
    with django_capture_on_commit_callbacks(execute=True):
        assert unread_notices_send(now=start + timedelta(minutes=31)) == 1
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [thread.borrower.email]
    assert f"/messages/{thread.pk}/" in mailoutbox[0].body
    assert "PAN copy" not in mailoutbox[0].body  # the text stays on the site
    # Two messages, two more runs: still one email.
    assert unread_notices_send(now=start + timedelta(minutes=40)) == 0
    say(thread, staff_member, now=start + timedelta(minutes=45))
    assert unread_notices_send(now=start + timedelta(minutes=90)) == 0
    assert len(mailoutbox) == 1
    # Read, then a new message waits: a new stretch, one new email.
    thread_read_mark(acting_user=thread.borrower, thread=thread, at=start + timedelta(minutes=91))
    say(thread, staff_member, now=start + timedelta(minutes=92))
    with django_capture_on_commit_callbacks(execute=True):
        assert unread_notices_send(now=start + timedelta(minutes=130)) == 1
    assert len(mailoutbox) == 2
    assert ThreadRead.objects.get(thread=thread, user=thread.borrower).notice_sent_at is not None


def test_borrower_messages_do_not_email_the_borrower(mailoutbox):
    thread = loan_thread()
    say(thread, thread.borrower, now=timezone.now() - timedelta(hours=2))
    assert unread_notices_send() == 0
    assert mailoutbox == []
