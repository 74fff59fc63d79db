"""Distress servicing in the officer console: the "Propose…" page, and "Approve…" whose
confirmation page shows the ledger entry (write-off) or the schedule before and after
(restructure); the proposer is refused in plain words and nothing is written."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.roles import COLLECTIONS_MANAGER, CREDIT_MANAGER
from accounts.tests.factories import staff
from lendingsite.dates import today_ist
from loans.models import Loan, Proposal
from loans.tests.factories import active_loan
from repayments.tests.factories import money_snapshot

pytestmark = pytest.mark.django_db
PROPOSALS = "admin:loans_proposal_changelist"
D = Decimal


def act(client, action, objs, **data):
    body = {"action": action, "_selected_action": [o.pk for o in objs], "index": "0", **data}
    return client.post(reverse(PROPOSALS), body)


@pytest.fixture
def loan():
    return active_loan(disbursed_on=today_ist() - timedelta(days=100))


def test_propose_then_approve_a_write_off_showing_the_entry(client, loan):
    maker = staff(CREDIT_MANAGER)
    client.force_login(maker)
    page = client.get(reverse("admin:loans_proposal_propose"))
    assert page.status_code == 200
    proposed = client.post(
        reverse("admin:loans_proposal_propose"),
        {
            "loan": loan.pk,
            "kind": "write_off",
            "reason": "Absconded",
            "write_off_kind": "technical",
        },
    )
    assert proposed.status_code == 302, proposed.context["form"].errors
    proposal = Proposal.objects.get()
    before = money_snapshot(loan)
    refused = act(client, "approve_selected", [proposal], apply="1", note="")
    assert "someone else must approve it" in " ".join(
        str(m) for m in get_messages(refused.wsgi_request)
    )
    assert money_snapshot(loan) == before

    client.force_login(staff(COLLECTIONS_MANAGER))
    ask = act(client, "approve_selected", [proposal])
    text = ask.content.decode()
    assert "Ledger entry the approval posts" in text and "WRITE_OFF_EXPENSE" in text
    done = act(client, "approve_selected", [proposal], apply="1", note="ok")
    assert done.status_code == 302
    assert Loan.objects.get(pk=loan.pk).status == "written_off"


def test_restructure_approval_page_shows_the_schedule_before_and_after(client, loan):
    client.force_login(staff(CREDIT_MANAGER))
    client.post(
        reverse("admin:loans_proposal_propose"),
        {
            "loan": loan.pk,
            "kind": "restructure",
            "reason": "Hardship",
            "annual_rate": "11",
            "tenure": "15",
        },
    )
    proposal = Proposal.objects.get()
    client.force_login(staff(COLLECTIONS_MANAGER))
    text = act(client, "approve_selected", [proposal]).content.decode()
    assert "Schedule before" in text and "Schedule after" in text and "New APR 11.00%" in text
    missing = client.post(
        reverse("admin:loans_proposal_propose"),
        {"loan": loan.pk, "kind": "settlement", "reason": "x"},
    )
    assert "Give the settlement amount." in missing.content.decode()
