"""Referrals in the officer console: the review queue with its two-officer decisions, the
programme's settings through the service, the report and its CSV, query-count guard."""

from datetime import date

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from accounts.models import AuditEvent
from accounts.roles import CREDIT_MANAGER, FINANCE, LOAN_OFFICER
from accounts.tests.factories import staff
from lendingsite.dates import today_ist
from referrals.models import Programme, Reward
from referrals.services.rewards import referral_reward_evaluate
from referrals.tests.factories import pay_first_installment, programme, referred_loan, referred_pair

pytestmark = pytest.mark.django_db
REWARDS = "admin:referrals_reward_changelist"


def texts(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


def flagged():
    programme(max_signups_per_ip=0)
    referral = referred_pair()
    referral.signup_ip = "198.51.100.20"
    referral.save()
    loan = referred_loan(referral)
    pay_first_installment(loan)
    return referral_reward_evaluate(
        reward=Reward.objects.get(referral=referral), business_date=today_ist()
    )


def act(client, action, objs, **data):
    body = {"action": action, "_selected_action": [o.pk for o in objs], "index": "0", **data}
    return client.post(reverse(REWARDS), body)


def test_queue_shows_reasons_and_two_officers_approve(client):
    reward = flagged()
    maker, checker = staff(CREDIT_MANAGER), staff(LOAN_OFFICER)
    client.force_login(maker)
    listing = client.get(reverse(REWARDS) + "?review_state__exact=flagged")
    assert "Too many referred sign-ups from one IP address" in listing.content.decode()
    ask = act(client, "approve_selected", [reward])
    assert ask.status_code == 200 and "reason" in ask.context["form"].fields
    act(client, "approve_selected", [reward], apply="1", reason="Known family")
    again = act(client, "approve_selected", [reward], apply="1", reason="")
    assert any("another officer must confirm" in t for t in texts(again))
    assert Reward.objects.get(pk=reward.pk).status == "pending"
    client.force_login(checker)
    act(client, "approve_selected", [reward], apply="1", reason="")
    assert Reward.objects.get(pk=reward.pk).status == "earned"


def test_finance_cannot_review(client):
    reward = flagged()
    client.force_login(staff(FINANCE))
    act(client, "void_selected", [reward], apply="1", reason="no")
    assert Reward.objects.get(pk=reward.pk).status == "pending"


def test_programme_saved_through_the_service_with_audit(client):
    client.force_login(staff(CREDIT_MANAGER))
    answer = client.post(
        reverse("admin:referrals_programme_add"),
        {
            "name": "Monsoon",
            "is_active": "on",
            "starts_on": "2026-07-01",
            "ends_on": "2026-09-30",
            "reward_amount": "400.00",
            "earn_rule": "disbursed",
            "monthly_cap_per_referrer": "3",
            "max_signups_per_ip": "3",
            "burst_count": "3",
            "burst_hours": "24",
        },
    )
    assert answer.status_code == 302, answer.context["adminform"].form.errors
    saved = Programme.objects.get(name="Monsoon")
    assert saved.ends_on == date(2026, 9, 30)
    assert AuditEvent.objects.filter(action="referral_programme.created").count() == 1


def test_report_page_and_csv(client):
    flagged()
    client.force_login(staff(CREDIT_MANAGER))
    page = client.get(reverse("admin:referrals_reward_report"))
    assert page.status_code == 200
    assert ("Flagged: Too many referred sign-ups from one IP address", 1) in page.context["rows"]
    csv = client.get(reverse("admin:referrals_reward_report") + "?format=csv")
    assert csv["Content-Type"].startswith("text/csv")
    assert "Referrals (sign-ups with a code),1" in csv.content.decode()


def test_rewards_list_query_count_does_not_grow(client, django_assert_max_num_queries):
    flagged()
    client.force_login(staff(CREDIT_MANAGER))
    client.get(reverse(REWARDS))
    with django_assert_max_num_queries(40) as few:
        client.get(reverse(REWARDS))
    for _ in range(3):
        referred_loan(referred_pair())
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse(REWARDS)).status_code == 200
