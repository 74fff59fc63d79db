"""The kill-switch pages (console.views.switches): every staff member sees the switches;
only a superuser flips one, after a fresh re-authentication, with a reason; anyone else's
attempt is answered 403 and recorded as refused."""

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from accounts.roles import AUDITOR, FINANCE
from accounts.tests.factories import UserFactory, staff
from accounts.twofactor.policy import REAUTH_SESSION_KEY
from lendingsite.models import KillSwitch
from lendingsite.switches import SWITCHES, switch_is_on

pytestmark = pytest.mark.django_db

FLIP = reverse("console:switch_flip", args=["REMINDERS_ENABLED"])
LIST = reverse("console:switches")


@pytest.fixture
def boss(client):
    user = UserFactory(is_staff=True, is_superuser=True)
    client.force_login(user)
    return user


def test_the_page_lists_every_switch_and_offers_the_flip_to_a_superuser(client, boss):
    page = client.get(LIST)

    assert page.status_code == 200
    html = page.content.decode()
    for name in SWITCHES:
        assert f'id="switch-{name}"' in html
        assert reverse("console:switch_flip", args=[name]) in html


def test_other_staff_see_the_switches_but_no_flip(client):
    client.force_login(staff(AUDITOR))

    page = client.get(LIST)

    assert page.status_code == 200
    assert FLIP not in page.content.decode()
    assert client.get(FLIP).status_code == 403


def test_a_non_superuser_gets_403_and_the_attempt_is_recorded(client):
    officer = staff(FINANCE)
    client.force_login(officer)

    answer = client.post(FLIP, {"enabled": "off", "reason": "I want it off"})

    assert answer.status_code == 403
    assert not KillSwitch.objects.exists()
    assert switch_is_on("REMINDERS_ENABLED")
    denial = AuditEvent.objects.get(action="kill_switch.set_refused")
    assert denial.actor == officer and denial.after["code"] == "permission_denied"


def test_a_superuser_confirms_with_a_reason_and_the_flip_is_audited(client, boss):
    confirm = client.get(FLIP)
    assert confirm.status_code == 200
    assert SWITCHES["REMINDERS_ENABLED"] in confirm.content.decode()

    answer = client.post(FLIP, {"enabled": "off", "reason": "SMS vendor double-sending"})

    assert answer.status_code == 302 and answer.url == LIST
    assert not switch_is_on("REMINDERS_ENABLED")
    event = AuditEvent.objects.get(action="kill_switch.turned_off")
    assert event.actor == boss and event.after["reason"] == "SMS vendor double-sending"
    page = client.get(LIST).content.decode()
    assert "SMS vendor double-sending" in page and "turned off" in page


def test_no_reason_no_flip(client, boss):
    answer = client.post(FLIP, {"enabled": "off", "reason": ""})

    assert answer.status_code == 200
    assert "Give the reason" in answer.content.decode()
    assert switch_is_on("REMINDERS_ENABLED") and not KillSwitch.objects.exists()


def test_without_a_fresh_re_authentication_the_flip_waits_for_it(client, boss):
    session = client.session
    del session[REAUTH_SESSION_KEY]
    session.save()

    answer = client.post(FLIP, {"enabled": "off", "reason": "incident"})

    assert answer.status_code == 302
    assert answer.url.startswith(reverse("twofactor:reauth"))
    assert "next=" in answer.url and "REMINDERS_ENABLED" in answer.url
    assert not KillSwitch.objects.exists()


def test_an_unknown_switch_is_404(client, boss):
    assert client.get(reverse("console:switch_flip", args=["NOPE"])).status_code == 404
