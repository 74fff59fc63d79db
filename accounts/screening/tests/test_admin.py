"""The review queue in the console: a reason first, then two different reviewers."""

from pathlib import Path

import pytest
from django.test import Client

from accounts.roles import CREDIT_MANAGER, FINANCE
from accounts.screening.models import HitStatus, ScreeningHit
from accounts.screening.services import borrower_screen, sanctions_list_import
from accounts.tests.factories import borrower, staff

pytestmark = pytest.mark.django_db
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
HITS = "/admin/screening/screeninghit/"


def a_hit() -> ScreeningHit:
    sanctions_list_import(source="ofac", path=FIXTURES / "ofac_sdn_sample.csv")
    person = borrower(full_name="Hafiz Mohammad Sayeed")
    person.profile.full_name = "Hafiz Mohammad Sayeed"
    person.profile.save()
    return borrower_screen(user=person, trigger="manual")[0]


def console(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_two_credit_managers_confirm_a_hit_in_the_console():
    hit = a_hit()
    first, second = console(staff(CREDIT_MANAGER)), console(staff(CREDIT_MANAGER))
    listing = first.get(HITS)
    assert listing.status_code == 200 and hit.matched_name.encode() in listing.content
    action = {"action": "confirm_selected", "_selected_action": [hit.pk]}
    asks = first.post(HITS, action)
    assert asks.status_code == 200 and b"reason" in asks.content
    assert ScreeningHit.objects.get(pk=hit.pk).status == HitStatus.OPEN
    first.post(HITS, {**action, "reason": "same DOB and father's name"})
    assert ScreeningHit.objects.get(pk=hit.pk).status == HitStatus.CONFIRM_PROPOSED
    again = first.post(HITS, {**action, "reason": "sure"}, follow=True)
    assert b"another reviewer decides" in again.content
    second.post(HITS, {**action, "reason": "agreed"})
    assert ScreeningHit.objects.get(pk=hit.pk).status == HitStatus.CONFIRMED


def test_finance_cannot_open_the_queue():
    a_hit()
    assert console(staff(FINANCE)).get(HITS).status_code == 403
