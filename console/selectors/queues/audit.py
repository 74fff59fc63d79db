"""The auditor's queues."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.models import AuditEvent, AuditSeal, RoleChange
from console.selectors.queues.base import (
    RECENT_DAYS,
    RECENT_ROWS,
    Queue,
    Section,
    Table,
    changelist,
)

# --- auditor ---------------------------------------------------------------------------------


def chain_status() -> dict:
    """Sealed up to (the last seal's time and position) and how many events wait unsealed."""
    last = AuditSeal.objects.order_by("-seq").values("seq", "sealed_at").first()
    unsealed = AuditEvent.objects.filter(seal__isnull=True).count()
    return {"last": last, "unsealed": unsealed}


def _roles(names: list[str]) -> str:
    return ", ".join(n.replace("_", " ") for n in names) or "no role"


def role_changes_table(since) -> Table:
    """The latest proposed staff role changes (maker-checker, accounts.services.roles):
    who proposed what for whom, and who decided it."""
    changes = (
        RoleChange.objects.filter(proposed_at__gte=since)
        .select_related("user", "proposed_by", "decided_by")
        .order_by("-proposed_at", "-id")[:RECENT_ROWS]
    )
    return Table(
        title="Recent role changes",
        head=["Proposed", "Account", "From", "To", "Proposed by", "Decision"],
        rows=[
            [
                ("datetime", c.proposed_at),
                (str(c.user), reverse("admin:accounts_user_change", args=[c.user_id])),
                _roles(c.roles_before),
                _roles(c.roles),
                str(c.proposed_by),
                c.get_status_display() + (f" by {c.decided_by}" if c.decided_by else ""),
            ]
            for c in changes
        ],
    )


def auditor_section(user) -> Section:
    since = timezone.now() - timedelta(days=RECENT_DAYS)
    denied = AuditEvent.objects.filter(outcome="denied", created_at__gte=since)
    role_changes = AuditEvent.objects.filter(action="role.changed", created_at__gte=since)
    chain = chain_status()
    recent = list(denied.order_by("-created_at")[:RECENT_ROWS])
    sealed = (
        f"#{chain['last']['seq']} at {chain['last']['sealed_at']:%d %b %Y, %H:%M}"
        if chain["last"]
        else "nothing sealed yet"
    )
    return Section(
        role=roles.AUDITOR,
        title="Auditor",
        queues=[
            Queue(
                f"Refused and guard-denied attempts (last {RECENT_DAYS} days)",
                denied.count(),
                changelist("accounts.auditevent", outcome__exact="denied"),
            ),
            Queue(
                f"Role changes (last {RECENT_DAYS} days)",
                role_changes.count(),
                changelist("accounts.auditevent", action__exact="role.changed"),
            ),
            Queue(
                "Role changes awaiting approval",
                RoleChange.objects.filter(status="proposed").count(),
                changelist("accounts.rolechange", status__exact="proposed"),
            ),
            Queue(
                f"Events not sealed yet (chain sealed up to {sealed})",
                chain["unsealed"],
                changelist("accounts.auditevent"),
            ),
        ],
        table_title="Recent refused attempts",
        table_head=["When", "Who", "Action", "Target"],
        table_rows=[
            [
                ("datetime", e.created_at),
                e.actor_repr or "system",
                (e.action, reverse("admin:accounts_auditevent_change", args=[e.pk])),
                f"{e.target_type} {e.target_id}".strip(),
            ]
            for e in recent
        ],
        more_tables=[role_changes_table(since)],
    )
