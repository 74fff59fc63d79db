"""Charge waivers in the officer console: "Waive…" on a charge (a form with the reason),
waivers awaiting approval with "Approve…" and "Reject…" for a second finance officer; the
proposer is refused in plain words and nothing is written."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.roles import FINANCE, LOAN_OFFICER
from accounts.tests.factories import staff
from lendingsite.dates import today_ist
from loans.tests.factories import active_loan
from repayments.models import Charge, ChargeWaiver
from repayments.services.waivers import charge_waiver_propose
from repayments.tests.factories import levy_penal, money_snapshot

pytestmark = pytest.mark.django_db
CHARGES = "admin:repayments_charge_changelist"
WAIVERS = "admin:repayments_chargewaiver_changelist"
D = Decimal


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def charged():
    loan = active_loan(disbursed_on=today_ist() - timedelta(days=40))
    first = loan.installments.order_by("number").first()
    return levy_penal(loan, number=1, amount=D("500.00"), charged_on=first.due_date + timedelta(4))


def act(client, url, action, objs, **data):
    body = {"action": action, "_selected_action": [o.pk for o in objs], "index": "0", **data}
    return client.post(reverse(url), body)


def test_waive_asks_for_a_reason_then_proposes(client):
    charge = charged()
    client.force_login(staff(FINANCE))
    ask = act(client, CHARGES, "waive_selected", [charge])
    assert ask.status_code == 200
    page = ask.content.decode()
    assert f"Waive charge {charge.pk}" in page and "In force now: ₹500.00" in page
    assert {"reason", "amount"} <= set(ask.context["form"].fields)
    missing = act(client, CHARGES, "waive_selected", [charge], apply="1", reason="")
    assert missing.status_code == 200 and missing.context["form"].errors["reason"]
    too_much = act(client, CHARGES, "waive_selected", [charge], apply="1", reason="x", amount="900")
    assert too_much.status_code == 200
    assert "not more than that" in too_much.context["form"].errors["amount"][0]
    assert not ChargeWaiver.objects.exists()

    done = act(client, CHARGES, "waive_selected", [charge], apply="1", reason="Bank delay")

    assert done.status_code == 302
    waiver = ChargeWaiver.objects.get()
    assert (waiver.amount, waiver.reason, waiver.status) == (D("500.00"), "Bank delay", "proposed")
    assert any("another finance officer must approve it" in m for m in texts(done))


def test_waive_is_offered_only_to_finance(client):
    charge = charged()
    client.force_login(staff(LOAN_OFFICER))  # may view charges, not waive them
    page = client.get(reverse(CHARGES))
    assert page.status_code == 200 and page.context["action_form"] is None
    act(client, CHARGES, "waive_selected", [charge], apply="1", reason="x")
    assert not ChargeWaiver.objects.exists()


def test_a_second_person_approves_and_the_proposer_is_refused(client):
    maker, checker = staff(FINANCE), staff(FINANCE)
    charge = charged()
    waiver = charge_waiver_propose(acting_user=maker, charge=charge, reason="Bank delay")
    before = money_snapshot(charge.loan)

    client.force_login(maker)
    worklist = client.get(reverse(WAIVERS))
    assert [w.pk for w in worklist.context["cl"].result_list] == [waiver.pk]  # awaiting
    refused = act(client, WAIVERS, "approve_selected", [waiver], apply="1", note="")
    assert refused.status_code == 302
    assert any("someone else in finance must approve it" in m for m in texts(refused))
    assert ChargeWaiver.objects.get(pk=waiver.pk).status == "proposed"
    assert money_snapshot(charge.loan) == before

    client.force_login(checker)
    ask = act(client, WAIVERS, "approve_selected", [waiver])
    assert ask.status_code == 200 and "Bank delay" in ask.content.decode()
    done = act(client, WAIVERS, "approve_selected", [waiver], apply="1", note="Agreed")
    assert done.status_code == 302
    assert any("Approved 1 waiver." in m for m in texts(done))
    assert ChargeWaiver.objects.get(pk=waiver.pk).status == "approved"
    assert Charge.objects.get(pk=charge.pk).status == "waived"
    assert charge.loan.installments.get(number=1).penal_due == 0


def test_reject_needs_a_note(client):
    waiver = charge_waiver_propose(acting_user=staff(FINANCE), charge=charged(), reason="x")
    client.force_login(staff(FINANCE))
    no_note = act(client, WAIVERS, "reject_selected", [waiver], apply="1", note="")
    assert no_note.status_code == 200 and no_note.context["form"].errors["note"]
    done = act(client, WAIVERS, "reject_selected", [waiver], apply="1", note="No grounds")
    assert done.status_code == 302
    waiver = ChargeWaiver.objects.get(pk=waiver.pk)
    assert (waiver.status, waiver.decision_note) == ("rejected", "No grounds")
    assert Charge.objects.get(pk=waiver.charge_id).status == "in_force"


def test_lists_cost_a_constant_number_of_queries(client, django_assert_max_num_queries):
    maker = staff(FINANCE)
    for _ in range(5):
        charge_waiver_propose(acting_user=maker, charge=charged(), reason="x")
    client.force_login(staff(FINANCE))
    client.get(reverse(WAIVERS))  # warm the session and permission caches
    # 9: one more since issue 20, the second factor's device is checked on every staff request
    with django_assert_max_num_queries(10):  # +1: the header's unread count (messaging)
        assert client.get(reverse(WAIVERS)).status_code == 200
    with django_assert_max_num_queries(10):  # +1: the header's unread count (messaging)
        assert client.get(reverse(CHARGES)).status_code == 200
