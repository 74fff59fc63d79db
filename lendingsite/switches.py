"""Kill switches (DESIGN §7, docs/operations.md "Kill switches"): one reader every job
calls, `switch_is_on(name)`, and one writer, `kill_switch_set`, the console's toggle.

A switch is on unless the environment or the database says off. The environment wins in
one direction only: `NAME=false` in the environment forces the switch off whatever the
database row says (a deploy can always stop a job), while a database "off" stops the job at
its next run without a restart (an operator can stop a job at 2 a.m. without a deploy).
The row is read on every call by a job, never cached, so the next run sees a change; a job
reads a switch once at its start (cron_task) or once per run (the day-end's escalation). A
web request reads each switch once (a page pricing many applications asks once).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from prometheus_client.core import GaugeMetricFamily

from lendingsite import context
from lendingsite.audit import audit_event_model, audit_record, refusals_audited
from lendingsite.errors import DomainError
from lendingsite.metrics import state_metric
from lendingsite.models import KillSwitch

# name -> what it stops, in the words the console shows. The name is also the environment
# variable (settings) that can force it off.
SWITCHES: dict[str, str] = {
    "CRON_ENABLED": "Every beat-driven job: the day-end, reminders, notices, scoring, "
    "month-end, auto-debit presentations, the bureau file, referrals and the clean-ups.",
    "DAY_END_ENABLED": "The nightly day-end (DPD, buckets, penalties, collection cases). "
    "manage.py run_day_end still runs by hand.",
    "ESCALATION_ENABLED": "The day-end's escalation of long-overdue cases to legal.",
    "REMINDERS_ENABLED": "Borrower repayment reminders (T-3, T-1, due today, promises) and "
    "the release of held ones.",
    "SCORING_ENABLED": "Credit scoring of applications (grade C for all) and the weekly "
    "collector scores.",
    "MONTH_END_ENABLED": "The month-end close (accrual, NPA suspense, provisions): the "
    "nightly task and manage.py run_month_end.",
    "MANDATES_ENABLED": "Auto-debit: the daily presentation of installments to the bank.",
    "BUREAU_EXPORT_ENABLED": "The scheduled credit bureau file (bureau.export); a file can "
    "still be written by hand.",
}
ON_ACTION = "kill_switch.turned_on"
OFF_ACTION = "kill_switch.turned_off"
REFUSED_ACTION = "kill_switch.set_refused"
HISTORY_SHOWN = 50


def _known(name: str) -> None:
    if name not in SWITCHES:
        # A typo in a job's switch name must fail loudly, not read as "on" forever.
        raise KeyError(f"no kill switch named {name!r} (lendingsite.switches.SWITCHES)")


def env_allows(name: str) -> bool:
    """False when the environment forces the switch off."""
    _known(name)
    return bool(getattr(settings, name, True))


def _request_memo() -> dict | None:
    """Within a web request, the switches already read by it: a page that prices twenty
    applications reads SCORING_ENABLED once, not twenty times. Jobs have no request and
    read on every call."""
    request = context.current().request
    if request is None:
        return None
    memo = getattr(request, "_kill_switches", None)
    if memo is None:
        memo = {}
        request._kill_switches = memo
    return memo


def switch_is_on(name: str) -> bool:
    """Whether the job behind `name` may run now: the environment's false wins, then the
    operator's row; no row is on. One query per call (per web request, once)."""
    if not env_allows(name):
        return False
    memo = _request_memo()
    if memo is not None and name in memo:
        return memo[name]
    stored = KillSwitch.objects.filter(name=name).values_list("enabled", flat=True).first()
    on = True if stored is None else stored
    if memo is not None:
        memo[name] = on
    return on


@dataclass(frozen=True)
class SwitchState:
    name: str
    stops: str
    env_allows: bool
    stored: KillSwitch | None

    @property
    def database_on(self) -> bool:
        return self.stored is None or self.stored.enabled

    @property
    def on(self) -> bool:
        return self.env_allows and self.database_on


def switches_state() -> list[SwitchState]:
    """Every switch with the environment's and the database's say, in registry order."""
    rows = {row.name: row for row in KillSwitch.objects.select_related("changed_by")}
    return [
        SwitchState(name=name, stops=stops, env_allows=env_allows(name), stored=rows.get(name))
        for name, stops in SWITCHES.items()
    ]


def switch_history(limit: int = HISTORY_SHOWN):
    """The latest flips (and refused attempts), newest first, from the audit trail."""
    return (
        audit_event_model()
        .objects.filter(action__in=(ON_ACTION, OFF_ACTION, REFUSED_ACTION))
        .order_by("-id")[:limit]
    )


@refusals_audited(REFUSED_ACTION)
@transaction.atomic
def kill_switch_set(*, acting_user, name: str, enabled: bool, reason: str) -> KillSwitch:
    """Turn a switch on or off in the database. Superusers only; the reason is required
    and kept on the row and in the audit event. Turning on a switch the environment forces
    off is allowed (recorded), but the job stays off until the environment allows it."""
    if not getattr(acting_user, "is_superuser", False):
        raise DomainError("permission_denied", "Only a superuser can flip a kill switch.")
    if name not in SWITCHES:
        raise DomainError("not_found", f"There is no kill switch named {name}.")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(
            "validation_error",
            "Give the reason for flipping the switch.",
            errors={"reason": ["This field is required."]},
        )
    row = KillSwitch.objects.select_for_update().filter(name=name).first()
    was_on = row is None or row.enabled
    if was_on == enabled:
        raise DomainError(
            "invalid_state", f"{name} is already {'on' if enabled else 'off'} in the database."
        )
    if row is None:
        row = KillSwitch(name=name)
    row.enabled = enabled
    row.reason = reason
    row.changed_by = acting_user
    row.changed_at = timezone.now()
    row.save()
    memo = _request_memo()
    if memo is not None:
        memo.pop(name, None)  # the rest of this request sees the new setting
    audit_record(
        action=ON_ACTION if enabled else OFF_ACTION,
        actor=acting_user,
        target=row,
        before={"enabled": was_on},
        after={"enabled": enabled, "reason": reason, "environment_allows": env_allows(name)},
    )
    return row


@state_metric("lendingsite.switches")
def switches_metric():
    gauge = GaugeMetricFamily(
        "lendingsite_kill_switch_on",
        "1 when the kill switch lets its job run (environment and console), 0 when off",
        labels=["name"],
    )
    for state in switches_state():
        gauge.add_metric([state.name], 1 if state.on else 0)
    return [gauge]
