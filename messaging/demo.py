"""Messaging's part of seed_demo: a conversation between a borrower and the loan officer
on her active loan, and a collector's note on one of their cases (held until 08:00 when the
demo is seeded outside calling hours). Idempotent: a thread that already has messages is
left as it is. Everything goes through the services, so the audit trail is real."""

from django.db import transaction

from accounts.models import User
from collection.models import CollectionCase
from loans.models import Loan, LoanStatus
from messaging.models import Thread
from messaging.services.messages import message_post
from messaging.services.threads import thread_open

OFFICER_LINES = [
    (False, "Hello, my salary comes on the 7th this month. Can I pay the EMI on the 8th?"),
    (True, "Yes, that is fine: the grace period covers it. No penal charge until the 10th."),
    (False, "Thank you! I will pay on the 8th."),
]


@transaction.atomic
def messaging_demo_seed(*, domain: str) -> str:
    officer = User.objects.get(email=f"loan.officer@{domain}")
    borrower = User.objects.filter(email=f"vikram@{domain}").first()
    loan = (
        Loan.objects.filter(borrower=borrower, status=LoanStatus.ACTIVE).order_by("pk").first()
        if borrower
        else None
    )
    lines = []
    if loan is not None:
        thread, _ = thread_open(acting_user=borrower, loan=loan)
        if not thread.messages.exists():
            for from_staff, text in OFFICER_LINES:
                message_post(
                    acting_user=officer if from_staff else borrower, thread=thread, body=text
                )
        lines.append(f"{borrower.email} and {officer.email} talk on loan #{loan.pk}")
    collector = User.objects.filter(email=f"collector@{domain}").first()
    case = (
        # Another borrower than the officer's conversation above: one thread each.
        CollectionCase.objects.filter(assigned_to=collector)
        .exclude(loan__borrower=borrower)
        .select_related("loan")
        .order_by("pk")
        .first()
        if collector
        else None
    )
    if case is not None:
        thread, _ = thread_open(acting_user=collector, loan=case.loan)
        if not thread.messages.exists():
            message_post(
                acting_user=collector,
                thread=thread,
                body="We could not reach you by phone about the overdue installment. "
                "Please reply here or call us between 8 am and 7 pm.",
            )
        lines.append(f"{collector.email} wrote on loan #{case.loan_id}")
    return f"Messaging demo: {Thread.objects.count()} threads; " + "; ".join(lines) + "."
