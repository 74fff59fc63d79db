"""Kill switches (lendingsite.switches): the environment forces one off whatever the
database says; the database stops a job at its next run, in the same process, without a
restart; only a superuser flips one, with a reason, and every flip and refusal is audited."""

from datetime import timedelta

import pytest
from celery import shared_task

from accounts.models import AuditEvent
from accounts.roles import FINANCE
from accounts.tests.factories import UserFactory, staff
from collection.models import DayEndRun
from collection.tasks.dayend import day_end_beat
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from lendingsite.models import KillSwitch
from lendingsite.periodic import cron_task
from lendingsite.switches import (
    SWITCHES,
    kill_switch_set,
    switch_is_on,
    switches_metric,
    switches_state,
)

pytestmark = pytest.mark.django_db

runs: list[str] = []


@shared_task(name="lendingsite.tests.switched")
@cron_task(switch="REMINDERS_ENABLED")
def switched() -> str:
    runs.append("ran")
    return "ran"


@pytest.fixture
def boss():
    return UserFactory(is_staff=True, is_superuser=True)


@pytest.fixture(autouse=True)
def _clean_runs():
    runs.clear()
    yield
    runs.clear()


def test_a_switch_never_flipped_is_on(settings):
    assert all(switch_is_on(name) for name in SWITCHES)
    assert not KillSwitch.objects.exists()


def test_the_environment_off_wins_over_the_database_on(settings, boss):
    kill_switch_set(acting_user=boss, name="REMINDERS_ENABLED", enabled=False, reason="test")
    kill_switch_set(acting_user=boss, name="REMINDERS_ENABLED", enabled=True, reason="back")
    assert KillSwitch.objects.get(name="REMINDERS_ENABLED").enabled is True
    settings.REMINDERS_ENABLED = False

    assert switch_is_on("REMINDERS_ENABLED") is False
    assert switched() is None and runs == []
    [state] = [s for s in switches_state() if s.name == "REMINDERS_ENABLED"]
    assert state.database_on and not state.env_allows and not state.on


def test_the_database_off_stops_the_job_at_its_next_run_without_a_restart(boss):
    assert switched() == "ran"

    kill_switch_set(
        acting_user=boss, name="REMINDERS_ENABLED", enabled=False, reason="SMS gateway down"
    )
    assert switched() is None
    assert runs == ["ran"]

    kill_switch_set(acting_user=boss, name="REMINDERS_ENABLED", enabled=True, reason="fixed")
    assert switched() == "ran"
    assert runs == ["ran", "ran"]


def test_cron_enabled_off_in_the_database_stops_every_beat_job(boss):
    kill_switch_set(acting_user=boss, name="CRON_ENABLED", enabled=False, reason="incident")

    assert switched() is None and runs == []


def test_the_day_end_reads_its_switch_on_every_run(boss):
    yesterday = (today_ist() - timedelta(days=1)).isoformat()
    kill_switch_set(acting_user=boss, name="DAY_END_ENABLED", enabled=False, reason="migration")

    assert day_end_beat(business_date=yesterday) is None
    assert not DayEndRun.objects.exists()

    kill_switch_set(acting_user=boss, name="DAY_END_ENABLED", enabled=True, reason="done")
    assert day_end_beat(business_date=yesterday) is not None
    assert DayEndRun.objects.filter(business_date=yesterday).exists()


def test_a_flip_is_audited_with_its_reason(boss):
    row = kill_switch_set(
        acting_user=boss, name="SCORING_ENABLED", enabled=False, reason="model under review"
    )

    assert (row.enabled, row.reason, row.changed_by) == (False, "model under review", boss)
    event = AuditEvent.objects.get(action="kill_switch.turned_off")
    assert event.actor == boss
    assert (event.target_type, event.target_id) == ("lendingsite.killswitch", "SCORING_ENABLED")
    assert event.before == {"enabled": True}
    assert event.after == {
        "enabled": False,
        "reason": "model under review",
        "environment_allows": True,
    }


@pytest.mark.parametrize(
    ("who", "name", "enabled", "reason", "code"),
    [
        ("staff", "SCORING_ENABLED", False, "a reason", "permission_denied"),
        ("boss", "SCORING_ENABLED", False, "   ", "validation_error"),
        ("boss", "SCORING_ENABLED", True, "already on", "invalid_state"),
        ("boss", "NO_SUCH_ENABLED", False, "a reason", "not_found"),
    ],
)
def test_refusals_write_nothing_but_their_audited_refusal(boss, who, name, enabled, reason, code):
    user = boss if who == "boss" else staff(FINANCE)

    with pytest.raises(DomainError) as refused:
        kill_switch_set(acting_user=user, name=name, enabled=enabled, reason=reason)

    assert refused.value.code == code
    assert not KillSwitch.objects.exists()
    assert not AuditEvent.objects.filter(action__startswith="kill_switch.turned").exists()
    denial = AuditEvent.objects.get(action="kill_switch.set_refused")
    assert denial.actor == user and denial.outcome == "denied"
    assert denial.after["code"] == code


def test_an_unknown_switch_name_fails_loudly_in_code():
    with pytest.raises(KeyError):
        switch_is_on("REMINDER_ENABLED")
    with pytest.raises(KeyError):
        cron_task(switch="REMINDER_ENABLED")


def test_the_metric_reports_each_switch(settings, boss):
    settings.MONTH_END_ENABLED = False
    kill_switch_set(acting_user=boss, name="MANDATES_ENABLED", enabled=False, reason="bank")

    [family] = switches_metric()
    values = {s.labels["name"]: s.value for s in family.samples}

    assert values["MONTH_END_ENABLED"] == 0
    assert values["MANDATES_ENABLED"] == 0
    assert values["CRON_ENABLED"] == 1
    assert set(values) == set(SWITCHES)


def test_a_web_request_reads_a_switch_once_a_job_on_every_call(boss, rf, django_assert_num_queries):
    from lendingsite import context

    token = context.set_current(context.RequestContext(request=rf.get("/")))
    try:
        with django_assert_num_queries(1):
            assert switch_is_on("SCORING_ENABLED") and switch_is_on("SCORING_ENABLED")
        kill_switch_set(acting_user=boss, name="SCORING_ENABLED", enabled=False, reason="x")
        assert not switch_is_on("SCORING_ENABLED")  # the flip is seen by its own request
    finally:
        context.reset(token)
    with django_assert_num_queries(2):
        assert not switch_is_on("SCORING_ENABLED") and not switch_is_on("SCORING_ENABLED")
