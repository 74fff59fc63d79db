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


def rows(*filled):
    """The settlement formset's POST data: `filled` (date, amount) pairs, the rest empty."""
    data = {"inst-TOTAL_FORMS": "12", "inst-INITIAL_FORMS": "0", "inst-MAX_NUM_FORMS": "12"}
    for n, (day, amount) in enumerate(filled):
        data[f"inst-{n}-due_date"], data[f"inst-{n}-amount"] = str(day), str(amount)
    return data


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
            **rows(),
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
            **rows(),
        },
    )
    proposal = Proposal.objects.get()
    client.force_login(staff(COLLECTIONS_MANAGER))
    text = act(client, "approve_selected", [proposal]).content.decode()
    assert "Schedule before" in text and "Schedule after" in text and "New APR 11.00%" in text
    missing = client.post(
        reverse("admin:loans_proposal_propose"),
        {"loan": loan.pk, "kind": "settlement", "reason": "x", **rows()},
    )
    assert "Give the settlement amount." in missing.content.decode()


def test_settlement_with_three_installments_from_the_form(client, loan):
    client.force_login(staff(CREDIT_MANAGER))
    today = today_ist()
    days = [today + timedelta(days=d) for d in (10, 40, 70)]
    body = {"loan": loan.pk, "kind": "settlement", "reason": "Job lost", "amount": "30000.00"}
    short = client.post(
        reverse("admin:loans_proposal_propose"),
        {**body, **rows((days[0], "10000"), (days[1], "10000"))},
    )
    # The service's own words (the API gives the same refusal as problem+json).
    assert "The installments add up to ₹20,000.00, not the agreed ₹30,000.00." in (
        short.content.decode()
    )
    half = client.post(
        reverse("admin:loans_proposal_propose"), {**body, "inst-0-due_date": str(days[0])}
    )
    assert half.status_code == 200  # a row with a date and no amount: the page says so
    falling = client.post(
        reverse("admin:loans_proposal_propose"),
        {**body, **rows((days[1], "10000"), (days[0], "10000"), (days[2], "10000"))},
    )
    assert "later than the one before" in falling.content.decode()
    assert not Proposal.objects.exists()
    done = client.post(
        reverse("admin:loans_proposal_propose"),
        {**body, "grace_days": "3", **rows(*[(d, "10000") for d in days])},
    )
    assert done.status_code == 302
    terms = Proposal.objects.get().terms
    assert terms["grace_days"] == 3
    assert [(i["due_date"], i["amount"]) for i in terms["installments"]] == [
        (d.isoformat(), "10000.00") for d in days
    ]


def test_restructure_by_installment_amount_from_the_form(client, loan):
    client.force_login(staff(CREDIT_MANAGER))
    body = {"loan": loan.pk, "kind": "restructure", "reason": "Hardship", "annual_rate": "12"}
    no_rate = client.post(
        reverse("admin:loans_proposal_propose"), {**body, "annual_rate": "", **rows()}
    )
    assert "Give the new rate." in no_rate.content.decode()
    both = client.post(
        reverse("admin:loans_proposal_propose"),
        {**body, "tenure": "12", "installment": "5000", **rows()},
    )
    assert "Give either the new tenure or the new installment amount, not both." in (
        both.content.decode()
    )
    small = client.post(
        reverse("admin:loans_proposal_propose"), {**body, "installment": "10", **rows()}
    )
    assert "cannot repay" in small.content.decode()
    assert not Proposal.objects.exists()
    done = client.post(
        reverse("admin:loans_proposal_propose"), {**body, "installment": "5000", **rows()}
    )
    assert done.status_code == 302
    proposal = Proposal.objects.get()
    client.force_login(staff(COLLECTIONS_MANAGER))
    text = act(client, "approve_selected", [proposal]).content.decode()
    assert "Installments of at most ₹5,000.00 asked" in text


def test_proposing_for_no_such_loan_says_so_next_to_the_loan(client, loan):
    client.force_login(staff(CREDIT_MANAGER))
    missing = loan.pk + 1
    assert not Loan.objects.filter(pk=missing).exists()
    page = client.post(
        reverse("admin:loans_proposal_propose"),
        {
            "loan": missing,
            "kind": "write_off",
            "reason": "Absconded",
            "write_off_kind": "technical",
            **rows(),
        },
    )
    assert page.status_code == 200
    assert page.context["form"].errors == {"loan": ["No such loan."]}
    assert not Proposal.objects.exists()
