"""Messages are personal data: in the borrower's DPDP export, blanked by erasure (the
export and the anonymisation live in accounts.services.privacy)."""

import pytest
from django.core.files.storage import default_storage
from django.db import connection

from accounts.roles import LOAN_OFFICER
from accounts.services.privacy import (
    erasure_request_complete,
    erasure_request_create,
    personal_data_export,
)
from accounts.tests.factories import staff
from accounts.tests.test_privacy_services import closed_loan_with_payment
from messaging.models import Message
from messaging.services.moderation import message_hide
from messaging.tests.factories import loan_thread, officer, pdf_file, say

pytestmark = pytest.mark.django_db


def test_export_holds_the_borrowers_conversations_and_nothing_of_others():
    thread = loan_thread()
    staff_member = officer()
    mine = say(thread, thread.borrower, "my payslip is late")
    reply = say(thread, staff_member, "no problem")
    rude = say(thread, staff_member, "internal note by mistake")
    message_hide(acting_user=staff_member, message=rude, reason="sent by mistake")
    other = loan_thread()
    say(other, other.borrower, "someone else's words")

    data = personal_data_export(user=thread.borrower)

    rows = {row["id"]: row for row in data["messages"]}
    assert set(rows) == {mine.pk, reply.pk, rude.pk}
    assert rows[mine.pk]["body"] == "my payslip is late" and rows[mine.pk]["from"] == "you"
    assert rows[reply.pk]["from"] == "lender"
    assert rows[rude.pk]["hidden"] is True and rows[rude.pk]["body"] == ""
    assert "someone else's words" not in repr(data)


def test_erasure_blanks_every_message_and_deletes_files(django_capture_on_commit_callbacks):
    loan, _ = closed_loan_with_payment()
    thread = loan_thread(loan)
    staff_member = officer()
    sent = say(thread, loan.borrower, "call me on 98450 12345", uploaded_file=pdf_file())
    say(thread, staff_member, "Dear Ravi, noted")
    stored = sent.attachment.name
    assert default_storage.exists(stored)
    request = erasure_request_create(acting_user=loan.borrower)

    with django_capture_on_commit_callbacks(execute=True):
        erasure_request_complete(acting_user=staff(LOAN_OFFICER), request=request)

    with connection.cursor() as cur:
        cur.execute(
            "SELECT body, attachment, erased_at FROM messaging_message WHERE thread_id = %s",
            [thread.pk],
        )
        rows = cur.fetchall()
    assert len(rows) == 2  # the rows stay: something was said, and when
    assert all(body == "" and attachment == "" and erased for body, attachment, erased in rows)
    assert not default_storage.exists(stored)
    assert Message.objects.filter(thread=thread, erased_at__isnull=False).count() == 2
    data = personal_data_export(user=loan.borrower)
    assert all(row["erased"] and row["body"] == "" for row in data["messages"])
