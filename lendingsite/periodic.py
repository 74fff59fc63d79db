"""Periodic tasks: apps declare them, one command installs them, one switch stops them.

Each project app may have ``<app>/beat.py`` with ``PERIODIC_TASKS = [PeriodicSpec(...)]``.
``manage.py setup_periodic_tasks`` (run on every release) upserts them into
django-celery-beat's tables, which Celery beat's DatabaseScheduler reads. Rows it installs
carry a description prefix so that it can retire them later without ever touching a row an
operator created by hand. Crontabs are read in India time, like every business date.

``cron_task`` wraps a beat-driven task so the kill switches (CRON_ENABLED and the task's
own, DESIGN §7; lendingsite.switches) stop it at its next run: the environment forces one
off, a superuser flips one in the console without a restart.
"""

import functools
import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import import_module

import structlog
from celery.schedules import crontab as celery_crontab
from django.conf import settings
from django.db import transaction

from lendingsite.audit import audit_record
from lendingsite.errors import DomainError

PERIODIC_TIMEZONE = "Asia/Kolkata"
PROJECT_APPS = (
    "lendingsite",
    "accounts",
    "loans",
    "repayments",
    "collection",
    "messaging",
    "referrals",
    "accounting",
    "mandates",
    "bureau",
    "integrations",
)
# <app>/beat.py: "schedules" was taken by the schedule engine (loans/schedule/).
BEAT_MODULE = "beat"

# Rows this registry owns start with MANAGED_MARK; a retired row says so, so that a task
# declared again is re-enabled, while one an operator paused in the admin stays paused.
MANAGED_MARK = "[setup_periodic_tasks"
ACTIVE_PREFIX = "[setup_periodic_tasks] "
RETIRED_PREFIX = "[setup_periodic_tasks: no longer declared] "
CRON_FIELDS = ("minute", "hour", "day_of_month", "month_of_year", "day_of_week")

log = structlog.get_logger(__name__)


@dataclass(frozen=True, kw_only=True)
class PeriodicSpec:
    """One periodic task: ``crontab`` ("m h dom mon dow", India time) or
    ``interval_seconds``, exactly one of the two."""

    name: str
    task: str
    crontab: str | None = None
    interval_seconds: int | None = None
    kwargs: dict = field(default_factory=dict)
    description: str = ""

    def __post_init__(self):
        if not self.name or not self.task:
            raise ValueError("PeriodicSpec needs a name and a task")
        if (self.crontab is None) == (self.interval_seconds is None):
            raise ValueError(f"{self.name}: give exactly one of crontab or interval_seconds")
        if self.crontab is not None:
            parts = self.crontab.split()
            if len(parts) != len(CRON_FIELDS):
                raise ValueError(f"{self.name}: crontab needs 5 fields, got {self.crontab!r}")
            # Celery parses it the same way beat will, so a typo fails at import, not at 2 a.m.
            celery_crontab(**dict(zip(CRON_FIELDS, parts, strict=True)))
        if self.interval_seconds is not None and (
            not isinstance(self.interval_seconds, int) or self.interval_seconds <= 0
        ):
            raise ValueError(f"{self.name}: interval_seconds must be a positive integer")
        json.dumps(self.kwargs)  # beat stores kwargs as JSON text

    @property
    def crontab_fields(self) -> dict[str, str]:
        return dict(zip(CRON_FIELDS, (self.crontab or "").split(), strict=True))

    @property
    def kwargs_json(self) -> str:
        return json.dumps(self.kwargs, sort_keys=True)

    @property
    def schedule_text(self) -> str:
        if self.crontab is not None:
            return f"cron {self.crontab} {PERIODIC_TIMEZONE}"
        return f"every {self.interval_seconds}s"


@dataclass(frozen=True)
class InstallLine:
    outcome: str  # created | updated | unchanged | disabled
    name: str
    schedule: str

    def __str__(self) -> str:
        return f"{self.outcome}: {self.name} ({self.schedule})"


def declared_periodic_tasks(app_names: Iterable[str] | None = None) -> list[PeriodicSpec]:
    """Every PeriodicSpec the project apps declare, in app order."""
    if app_names is None:
        installed = set(settings.INSTALLED_APPS)
        app_names = [name for name in PROJECT_APPS if name in installed]
    specs: list[PeriodicSpec] = []
    for app_name in app_names:
        module_name = f"{app_name}.{BEAT_MODULE}"
        try:
            module = import_module(module_name)
        except ModuleNotFoundError as exc:
            if exc.name != module_name:
                raise  # the beat module exists but imports something missing
            continue
        declared = getattr(module, "PERIODIC_TASKS", [])
        for spec in declared:
            if not isinstance(spec, PeriodicSpec):
                raise TypeError(f"{module_name}.PERIODIC_TASKS holds {spec!r}, not a PeriodicSpec")
        specs.extend(declared)
    return specs


def _registered_tasks() -> set[str]:
    from lendingsite.celery import app

    # autodiscover_tasks() is lazy: this imports every app's tasks module.
    app.loader.import_default_modules()
    return set(app.tasks.keys())


def _schedule_for(spec: PeriodicSpec):
    from django_celery_beat.models import CrontabSchedule, IntervalSchedule

    if spec.interval_seconds is not None:
        interval, _ = IntervalSchedule.objects.get_or_create(
            every=spec.interval_seconds, period=IntervalSchedule.SECONDS
        )
        return {"interval": interval, "crontab": None}
    # No unique constraint on crontabs, so an equal row made elsewhere is reused, not doubled.
    lookup = {**spec.crontab_fields, "timezone": PERIODIC_TIMEZONE}
    crontab = CrontabSchedule.objects.filter(**lookup).order_by("pk").first()
    if crontab is None:
        crontab = CrontabSchedule.objects.create(**lookup)
    return {"interval": None, "crontab": crontab}


def _snapshot(row) -> dict:
    return {
        "task": row.task,
        "interval_id": row.interval_id,
        "crontab_id": row.crontab_id,
        "solar_id": row.solar_id,
        "clocked_id": row.clocked_id,
        "kwargs": row.kwargs,
        "description": row.description,
        "enabled": row.enabled,
    }


def _check_specs(specs: Sequence[PeriodicSpec], registered: set[str]) -> None:
    errors: dict[str, list[str]] = {}
    seen: set[str] = set()
    for spec in specs:
        if spec.name in seen:
            errors.setdefault(spec.name, []).append("declared twice")
        seen.add(spec.name)
        if spec.task not in registered:
            errors.setdefault(spec.name, []).append(f"no Celery task named {spec.task}")
    if errors:
        summary = "; ".join(f"{name}: {', '.join(msgs)}" for name, msgs in errors.items())
        raise DomainError(
            "validation_error", f"Periodic tasks not installed: {summary}.", errors=errors
        )


@transaction.atomic
def periodic_tasks_install(*, specs: Sequence[PeriodicSpec]) -> list[InstallLine]:
    """Make beat's tables match the declared specs: create or update each declared task,
    disable the registry's own rows that are no longer declared. Refuses as a whole (nothing
    written) if a spec names an unknown task or a name is taken by a hand-made row."""
    from django_celery_beat.models import PeriodicTask

    _check_specs(specs, _registered_tasks())
    existing = {
        row.name: row
        for row in PeriodicTask.objects.select_for_update().filter(
            name__in=[spec.name for spec in specs]
        )
    }
    foreign = sorted(name for name, row in existing.items() if not _is_managed(row))
    if foreign:
        raise DomainError(
            "duplicate",
            f"Periodic task {', '.join(foreign)} exists and was not installed by "
            "setup_periodic_tasks; rename the spec or delete that row in the admin.",
            errors={name: ["name taken by a hand-made periodic task"] for name in foreign},
        )

    lines = [_install_one(spec, existing.get(spec.name), audit_record) for spec in specs]
    declared = {spec.name for spec in specs}
    retiring = (
        PeriodicTask.objects.select_for_update()
        .filter(description__startswith=ACTIVE_PREFIX)
        .exclude(name__in=declared)
        .order_by("name")
    )
    for row in retiring:
        before = _snapshot(row)
        row.enabled = False
        row.description = RETIRED_PREFIX + row.description.removeprefix(ACTIVE_PREFIX)
        row.save()
        audit_record(
            action="periodic_task.disabled",
            target=row,
            before=before,
            after=_snapshot(row),
        )
        lines.append(InstallLine("disabled", row.name, "no longer declared"))
    return lines


def _is_managed(row) -> bool:
    return row.description.startswith(MANAGED_MARK)


def _install_one(spec: PeriodicSpec, row, audit_record) -> InstallLine:
    from django_celery_beat.models import PeriodicTask

    wanted = {
        "task": spec.task,
        **_schedule_for(spec),
        "solar": None,
        "clocked": None,
        "kwargs": spec.kwargs_json,
        "description": ACTIVE_PREFIX + spec.description,
    }
    if row is None:
        row = PeriodicTask.objects.create(name=spec.name, enabled=True, **wanted)
        audit_record(action="periodic_task.created", target=row, after=_snapshot(row))
        return InstallLine("created", spec.name, spec.schedule_text)

    before = _snapshot(row)
    if row.description.startswith(RETIRED_PREFIX):
        row.enabled = True  # declared again after the registry retired it
    for attr, value in wanted.items():
        setattr(row, attr, value)
    after = _snapshot(row)
    if after == before:
        return InstallLine("unchanged", spec.name, spec.schedule_text)
    row.save()
    audit_record(action="periodic_task.updated", target=row, before=before, after=after)
    return InstallLine("updated", spec.name, spec.schedule_text)


def cron_task(func: Callable | None = None, *, switch: str | None = None):
    """Put under ``@shared_task`` on a beat-driven task. When CRON_ENABLED (or the extra
    ``switch``, e.g. "REMINDERS_ENABLED") is off, the task returns None at once and logs
    that it was skipped; the switches are read on every run (switch_is_on), not at import."""
    # Imported here: switches reads a model, and this module is imported by apps' beat.py
    # files that may load before the app registry is ready.
    from lendingsite.switches import SWITCHES, switch_is_on

    if switch is not None and switch not in SWITCHES:
        raise KeyError(f"cron_task: no kill switch named {switch!r}")

    def decorator(fn: Callable) -> Callable:
        @functools.wraps(fn)
        def wrapper(*args, **kwargs):
            for name in ("CRON_ENABLED", switch):
                if name and not switch_is_on(name):
                    log.warning("periodic_task_skipped", task=fn.__qualname__, switch=name)
                    return None
            return fn(*args, **kwargs)

        return wrapper

    return decorator(func) if func is not None else decorator
