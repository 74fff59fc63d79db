"""The auditor's queues."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.models import AuditEvent, AuditSeal, RoleChange, User
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


ROLE_EVENTS = (
    "role.changed",
    "role_change.proposed",
    "role_change.approved",
    "role_change.rejected",
)


def _roles(names) -> str:
    return ", ".join(str(n).replace("_", " ") for n in names or []) or "no role"


def role_changes_table(since) -> Table:
    """The latest role events: changes applied (by an approval, or by a superuser's or the
    integrations' direct call) and proposals made and decided (accounts.services.roles)."""
    events = list(
        AuditEvent.objects.filter(action__in=ROLE_EVENTS, created_at__gte=since).order_by(
            "-created_at", "-id"
        )[:RECENT_ROWS]
    )
    ids = {int(e.target_id) for e in events if e.target_id.isdigit()}
    emails = dict(User.objects.filter(pk__in=ids).values_list("pk", "email")) if ids else {}

    def account(e):
        if not e.target_id.isdigit():
            return ""
        label = emails.get(int(e.target_id), f"user {e.target_id}")
        return (label, reverse("admin:accounts_user_change", args=[e.target_id]))

    return Table(
        title="Recent role changes",
        head=["When", "Who", "What", "Account", "From", "To"],
        rows=[
            [
                ("datetime", e.created_at),
                e.actor_repr or "system",
                (e.action, reverse("admin:accounts_auditevent_change", args=[e.pk])),
                account(e),
                _roles((e.before or {}).get("roles")) if e.before else "",
                _roles((e.after or {}).get("roles")),
            ]
            for e in events
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
                f"Role changes applied (last {RECENT_DAYS} days)",
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
