"""Test data for messaging: threads on real loans and applications (the loans app's
factories), messages through the service so every rule runs."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.roles import LOAN_OFFICER
from accounts.tests.factories import staff
from collection.tests.factories_desk import CaseFactory, collector
from loans.tests.factories import active_loan, draft_application
from messaging.services.messages import message_post
from messaging.services.threads import thread_open

IST = ZoneInfo("Asia/Kolkata")
PDF = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def ist(day, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=IST)


def pdf_file(name: str = "payslip.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def loan_thread(loan=None, *, by=None):
    loan = loan or active_loan()
    thread, _ = thread_open(acting_user=by or loan.borrower, loan=loan)
    return thread


def application_thread(application=None, *, by=None):
    application = application or draft_application()
    thread, _ = thread_open(acting_user=by or application.borrower, application=application)
    return thread


def officer():
    return staff(LOAN_OFFICER)


def case_with_collector():
    """A collections case on a delinquent loan, assigned to a new collector."""
    agent = collector()
    case = CaseFactory(assigned_to=agent)
    return case, agent


def say(thread, user, body="Hello", **kwargs):
    return message_post(acting_user=user, thread=thread, body=body, **kwargs)
