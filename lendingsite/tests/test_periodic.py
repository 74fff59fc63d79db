"""The periodic-task registry, `manage.py setup_periodic_tasks` and the cron kill switch."""

import sys
from io import StringIO

import pytest
from celery import shared_task
from django.core.management import CommandError, call_command
from django_celery_beat.models import CrontabSchedule, IntervalSchedule, PeriodicTask

from accounts.models import AuditEvent
from lendingsite.errors import DomainError
from lendingsite.periodic import (
    ACTIVE_PREFIX,
    CRON_FIELDS,
    RETIRED_PREFIX,
    PeriodicSpec,
    cron_task,
    declared_periodic_tasks,
    periodic_tasks_install,
)

COMMAND_MODULE = "lendingsite.management.commands.setup_periodic_tasks"
calls: list[str] = []


@shared_task(name="lendingsite.tests.nightly")
@cron_task
def nightly(label: str = "nightly") -> str:
    calls.append(label)
    return f"ran {label}"


@shared_task(name="lendingsite.tests.reminders")
@cron_task(switch="REMINDERS_ENABLED")
def reminders() -> str:
    calls.append("reminders")
    return "sent"


def nightly_spec(**overrides) -> PeriodicSpec:
    fields = {
        "name": "tests.nightly",
        "task": "lendingsite.tests.nightly",
        "crontab": "30 1 * * *",
        "kwargs": {"label": "day-end"},
        "description": "Close the business day",
    }
    return PeriodicSpec(**(fields | overrides))


def minutely_spec(**overrides) -> PeriodicSpec:
    fields = {
        "name": "tests.reminders",
        "task": "lendingsite.tests.reminders",
        "interval_seconds": 60,
        "description": "Send due reminders",
    }
    return PeriodicSpec(**(fields | overrides))


def counts() -> tuple[int, int, int]:
    return (
        PeriodicTask.objects.count(),
        CrontabSchedule.objects.count(),
        IntervalSchedule.objects.count(),
    )


def outcomes(lines) -> dict[str, str]:
    return {line.name: line.outcome for line in lines}


# --- PeriodicSpec ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields",
    [
        {"crontab": None, "interval_seconds": None},
        {"crontab": "0 1 * * *", "interval_seconds": 60},
        {"crontab": "0 1 * *"},
        {"crontab": "61 1 * * *"},
        {"crontab": "0 25 * * *"},
        {"crontab": None, "interval_seconds": 0},
        {"crontab": None, "interval_seconds": 1.5},
        {"task": ""},
    ],
)
def test_spec_refuses_a_bad_schedule(fields):
    with pytest.raises(ValueError):
        nightly_spec(**fields)


def test_spec_refuses_kwargs_beat_cannot_store():
    with pytest.raises(TypeError):
        nightly_spec(kwargs={"when": object()})


def test_spec_fields_are_keyword_only():
    with pytest.raises(TypeError):
        PeriodicSpec("a", "b", "* * * * *")  # type: ignore[misc]


# --- periodic_tasks_install ------------------------------------------------------------


@pytest.mark.django_db
def test_install_creates_crontab_and_interval_tasks():
    lines = periodic_tasks_install(specs=[nightly_spec(), minutely_spec()])

    assert outcomes(lines) == {"tests.nightly": "created", "tests.reminders": "created"}
    nightly_row = PeriodicTask.objects.get(name="tests.nightly")
    assert nightly_row.task == "lendingsite.tests.nightly"
    assert nightly_row.enabled
    assert nightly_row.interval is None
    cron = nightly_row.crontab
    assert [getattr(cron, field) for field in CRON_FIELDS] == ["30", "1", "*", "*", "*"]
    assert str(cron.timezone) == "Asia/Kolkata"
    assert nightly_row.kwargs == '{"label": "day-end"}'
    assert nightly_row.description == ACTIVE_PREFIX + "Close the business day"
    minutely_row = PeriodicTask.objects.get(name="tests.reminders")
    assert minutely_row.crontab is None
    assert (minutely_row.interval.every, minutely_row.interval.period) == (60, "seconds")
    created = AuditEvent.objects.filter(action="periodic_task.created")
    assert {e.target_id for e in created} == {str(nightly_row.pk), str(minutely_row.pk)}


@pytest.mark.django_db
def test_install_twice_leaves_the_same_rows():
    periodic_tasks_install(specs=[nightly_spec(), minutely_spec()])
    first = counts()
    rows = list(PeriodicTask.objects.order_by("pk").values())
    audit_events = AuditEvent.objects.count()

    lines = periodic_tasks_install(specs=[nightly_spec(), minutely_spec()])

    assert outcomes(lines) == {"tests.nightly": "unchanged", "tests.reminders": "unchanged"}
    assert counts() == first
    assert list(PeriodicTask.objects.order_by("pk").values()) == rows
    assert AuditEvent.objects.count() == audit_events


@pytest.mark.django_db
def test_a_changed_spec_updates_its_row_in_place():
    periodic_tasks_install(specs=[nightly_spec()])
    pk = PeriodicTask.objects.get(name="tests.nightly").pk

    lines = periodic_tasks_install(
        specs=[nightly_spec(crontab="0 2 * * 1-5", kwargs={"label": "weekday"})]
    )

    assert outcomes(lines) == {"tests.nightly": "updated"}
    row = PeriodicTask.objects.get(name="tests.nightly")
    assert row.pk == pk
    assert (row.crontab.minute, row.crontab.hour, row.crontab.day_of_week) == ("0", "2", "1-5")
    assert row.kwargs == '{"label": "weekday"}'
    assert PeriodicTask.objects.filter(name="tests.nightly").count() == 1
    event = AuditEvent.objects.get(action="periodic_task.updated")
    assert event.before["kwargs"] == '{"label": "day-end"}'
    assert event.after["kwargs"] == '{"label": "weekday"}'


@pytest.mark.django_db
def test_switching_from_crontab_to_interval_clears_the_crontab():
    periodic_tasks_install(specs=[nightly_spec()])

    periodic_tasks_install(specs=[nightly_spec(crontab=None, interval_seconds=300)])

    row = PeriodicTask.objects.get(name="tests.nightly")
    assert row.crontab is None
    assert row.interval.every == 300


@pytest.mark.django_db
def test_a_task_no_longer_declared_is_disabled_not_deleted():
    periodic_tasks_install(specs=[nightly_spec(), minutely_spec()])

    lines = periodic_tasks_install(specs=[nightly_spec()])

    assert outcomes(lines) == {"tests.nightly": "unchanged", "tests.reminders": "disabled"}
    retired = PeriodicTask.objects.get(name="tests.reminders")
    assert not retired.enabled
    assert retired.description == RETIRED_PREFIX + "Send due reminders"
    assert AuditEvent.objects.filter(action="periodic_task.disabled").count() == 1
    # Already retired: a later run leaves it alone and says nothing about it.
    again = periodic_tasks_install(specs=[nightly_spec()])
    assert outcomes(again) == {"tests.nightly": "unchanged"}
    assert AuditEvent.objects.filter(action="periodic_task.disabled").count() == 1


@pytest.mark.django_db
def test_a_retired_task_declared_again_is_enabled_again():
    periodic_tasks_install(specs=[minutely_spec()])
    periodic_tasks_install(specs=[])

    lines = periodic_tasks_install(specs=[minutely_spec()])

    assert outcomes(lines) == {"tests.reminders": "updated"}
    row = PeriodicTask.objects.get(name="tests.reminders")
    assert row.enabled
    assert row.description == ACTIVE_PREFIX + "Send due reminders"


@pytest.mark.django_db
def test_a_task_an_operator_paused_stays_paused():
    periodic_tasks_install(specs=[nightly_spec()])
    row = PeriodicTask.objects.get(name="tests.nightly")
    row.enabled = False
    row.save()

    lines = periodic_tasks_install(specs=[nightly_spec()])

    assert outcomes(lines) == {"tests.nightly": "unchanged"}
    assert not PeriodicTask.objects.get(name="tests.nightly").enabled


@pytest.mark.django_db
def test_hand_made_tasks_are_never_touched():
    cron = CrontabSchedule.objects.create(minute="5", hour="4", timezone="Asia/Kolkata")
    hand_made = PeriodicTask.objects.create(
        name="ops.cleanup", task="lendingsite.tests.nightly", crontab=cron, description="mine"
    )

    periodic_tasks_install(specs=[nightly_spec()])
    periodic_tasks_install(specs=[])

    hand_made.refresh_from_db()
    assert hand_made.enabled
    assert hand_made.description == "mine"


@pytest.mark.django_db
def test_a_name_taken_by_a_hand_made_task_refuses_everything():
    cron = CrontabSchedule.objects.create(minute="5", hour="4", timezone="Asia/Kolkata")
    PeriodicTask.objects.create(
        name="tests.nightly", task="lendingsite.tests.nightly", crontab=cron, description=""
    )
    before = counts()

    with pytest.raises(DomainError) as refused:
        periodic_tasks_install(specs=[minutely_spec(), nightly_spec()])

    assert refused.value.code == "duplicate"
    assert "tests.nightly" in refused.value.detail
    assert counts() == before
    assert not AuditEvent.objects.filter(action__startswith="periodic_task.").exists()


@pytest.mark.django_db
def test_an_unknown_celery_task_refuses_everything():
    before = counts()

    with pytest.raises(DomainError) as refused:
        periodic_tasks_install(specs=[minutely_spec(), nightly_spec(task="no.such.task")])

    assert refused.value.code == "validation_error"
    assert refused.value.errors == {"tests.nightly": ["no Celery task named no.such.task"]}
    assert counts() == before


@pytest.mark.django_db
def test_a_name_declared_twice_refuses_everything():
    with pytest.raises(DomainError) as refused:
        periodic_tasks_install(specs=[nightly_spec(), nightly_spec(crontab="0 3 * * *")])

    assert refused.value.errors == {"tests.nightly": ["declared twice"]}
    assert PeriodicTask.objects.count() == 0


# --- discovery -----------------------------------------------------------------------------


@pytest.fixture
def fake_apps(tmp_path, monkeypatch):
    """Real packages on disk, importable for this test only."""
    monkeypatch.syspath_prepend(str(tmp_path))
    names: list[str] = []

    def install(name: str, schedules_source: str | None):
        package = tmp_path / name
        package.mkdir()
        (package / "__init__.py").write_text("")
        if schedules_source is not None:
            (package / "beat.py").write_text(schedules_source)
        names.append(name)

    yield install
    for module in [m for m in sys.modules if m.split(".")[0] in names]:
        del sys.modules[module]


def test_discovery_collects_every_apps_specs_in_order(fake_apps):
    fake_apps(
        "fake_loans",
        "from lendingsite.periodic import PeriodicSpec\n"
        "PERIODIC_TASKS = [PeriodicSpec(name='loans.x', task='t.x', interval_seconds=5)]",
    )
    fake_apps("fake_quiet", None)
    fake_apps(
        "fake_collection",
        "from lendingsite.periodic import PeriodicSpec\n"
        "PERIODIC_TASKS = [PeriodicSpec(name='collection.y', task='t.y', crontab='0 1 * * *')]",
    )

    specs = declared_periodic_tasks(["fake_loans", "fake_quiet", "fake_collection"])

    assert [spec.name for spec in specs] == ["loans.x", "collection.y"]


def test_discovery_refuses_something_that_is_not_a_spec(fake_apps):
    fake_apps("fake_bad", "PERIODIC_TASKS = [{'name': 'x'}]")

    with pytest.raises(TypeError, match="not a PeriodicSpec"):
        declared_periodic_tasks(["fake_bad"])


def test_discovery_does_not_hide_a_broken_schedules_module(fake_apps):
    fake_apps("fake_broken", "import fake_module_that_does_not_exist")

    with pytest.raises(ModuleNotFoundError):
        declared_periodic_tasks(["fake_broken"])


@pytest.mark.django_db
def test_the_project_declarations_install_cleanly():
    """The real schedules modules: valid specs, unique names, every task registered."""
    specs = declared_periodic_tasks()

    lines = periodic_tasks_install(specs=specs)

    assert [line.outcome for line in lines] == ["created"] * len(specs)
    assert PeriodicTask.objects.filter(description__startswith=ACTIVE_PREFIX).count() == len(specs)


# --- the command ---------------------------------------------------------------------------


def run_command() -> list[str]:
    out = StringIO()
    call_command("setup_periodic_tasks", stdout=out)
    return out.getvalue().splitlines()


@pytest.mark.django_db
def test_command_prints_one_line_per_task_and_is_idempotent(monkeypatch):
    specs = [nightly_spec(), minutely_spec()]
    monkeypatch.setattr(f"{COMMAND_MODULE}.declared_periodic_tasks", lambda: specs)

    assert run_command() == [
        "created: tests.nightly (cron 30 1 * * * Asia/Kolkata)",
        "created: tests.reminders (every 60s)",
    ]
    after_first = counts()
    assert run_command() == [
        "unchanged: tests.nightly (cron 30 1 * * * Asia/Kolkata)",
        "unchanged: tests.reminders (every 60s)",
    ]
    assert counts() == after_first

    specs[:] = [nightly_spec(crontab="45 1 * * *")]
    assert run_command() == [
        "updated: tests.nightly (cron 45 1 * * * Asia/Kolkata)",
        "disabled: tests.reminders (no longer declared)",
    ]


@pytest.mark.django_db
def test_command_refusal_is_one_line(monkeypatch):
    monkeypatch.setattr(
        f"{COMMAND_MODULE}.declared_periodic_tasks", lambda: [nightly_spec(task="no.such.task")]
    )

    with pytest.raises(CommandError) as refused:
        run_command()

    assert str(refused.value) == (
        "Periodic tasks not installed: tests.nightly: no Celery task named no.such.task."
    )
    assert PeriodicTask.objects.count() == 0


@pytest.mark.django_db
def test_command_with_nothing_declared_says_so(monkeypatch):
    monkeypatch.setattr(f"{COMMAND_MODULE}.declared_periodic_tasks", lambda: [])

    assert run_command() == ["No periodic tasks declared."]


# --- cron_task: the kill switch ------------------------------------------------------------


@pytest.fixture
def clean_calls():
    calls.clear()
    yield calls
    calls.clear()


@pytest.mark.django_db  # the switches' database side (lendingsite.switches)
def test_cron_task_runs_when_cron_is_enabled(settings, clean_calls):
    settings.CRON_ENABLED = True

    result = nightly.apply(kwargs={"label": "day-end"}).get()

    assert result == "ran day-end"
    assert clean_calls == ["day-end"]


@pytest.mark.django_db  # the switches' database side (lendingsite.switches)
def test_cron_task_does_nothing_when_cron_is_disabled(settings, clean_calls, caplog):
    settings.CRON_ENABLED = False

    result = nightly.apply(kwargs={"label": "day-end"}).get()

    assert result is None
    assert clean_calls == []
    skipped = [r for r in caplog.records if "periodic_task_skipped" in str(r.msg)]
    assert len(skipped) == 1
    assert skipped[0].msg["switch"] == "CRON_ENABLED"
    assert skipped[0].msg["task"] == "nightly"


@pytest.mark.django_db  # the switches' database side (lendingsite.switches)
def test_cron_task_honours_its_own_switch(settings, clean_calls):
    settings.CRON_ENABLED = True
    settings.REMINDERS_ENABLED = False

    assert reminders.apply().get() is None
    assert clean_calls == []

    settings.REMINDERS_ENABLED = True
    assert reminders.apply().get() == "sent"
    assert clean_calls == ["reminders"]


@pytest.mark.django_db  # the switches' database side (lendingsite.switches)
def test_cron_switch_is_read_at_run_time_not_import_time(settings, clean_calls):
    settings.CRON_ENABLED = False
    assert nightly() is None
    settings.CRON_ENABLED = True
    assert nightly() == "ran nightly"


def test_every_app_with_a_beat_module_is_collected():
    # An app whose beat.py is not in PROJECT_APPS never has its tasks scheduled.
    from pathlib import Path

    from django.apps import apps

    from lendingsite.periodic import BEAT_MODULE, PROJECT_APPS

    root = Path(__file__).resolve().parents[2]
    with_beat = {
        config.name
        for config in apps.get_app_configs()
        if Path(config.path).is_relative_to(root)
        and (Path(config.path) / f"{BEAT_MODULE}.py").exists()
    }
    assert with_beat, "no beat modules found: the test looks in the wrong place"
    assert with_beat <= set(PROJECT_APPS), sorted(with_beat - set(PROJECT_APPS))
