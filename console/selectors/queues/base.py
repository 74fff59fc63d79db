"""What a home queue is, the shared constants and the change-list link helper."""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse

from accounts import roles
from accounts.selectors import role_changes_waiting_for

# A case nobody has spoken to for this many days is "not contacted" on the collector's home.
QUIET_DAYS = 7
# An approved offer lapsing within this many days is worth a credit manager's look.
LAPSING_DAYS = 3
# How far back the auditor's "recent" lists look, and how many rows they show.
RECENT_DAYS = 7
RECENT_ROWS = 10


@dataclass(frozen=True)
class Queue:
    label: str
    count: int
    url: str  # blank: the user may see the count but not the rows


@dataclass(frozen=True)
class Table:
    title: str
    head: list[str]
    rows: list[list]


@dataclass
class Section:
    """One role's part of the home page: its queues, and optionally a short table."""

    role: str
    title: str
    queues: list[Queue] = field(default_factory=list)
    table_title: str = ""
    table_head: list[str] = field(default_factory=list)
    table_rows: list[list] = field(default_factory=list)
    more_tables: list[Table] = field(default_factory=list)


def changelist(model_label: str, **params) -> str:
    url = reverse(f"admin:{model_label.replace('.', '_')}_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def user_roles(user) -> set[str]:
    """The staff roles whose homes `user` sees: its groups; a superuser sees all of them."""
    if user.is_superuser:
        return set(roles.STAFF_ROLES)
    return set(user.groups.values_list("name", flat=True)) & set(roles.STAFF_ROLES)


def role_changes_queue(user) -> Queue | None:
    """Managers decide staff role changes (maker-checker): the ones waiting for `user`."""
    if not user.has_perm("accounts.decide_rolechange"):
        return None
    return Queue(
        "Role changes waiting for me",
        role_changes_waiting_for(user).count(),
        changelist("accounts.rolechange", waiting_for="me"),
    )
