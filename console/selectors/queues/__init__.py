"""Each role's home: the queues waiting for it, as counts linking to the filtered change list.

A queue is one COUNT query; the number of queries a home page costs depends on the roles the
user holds, never on the size of the book. Scoping is the owning app's: collectors count
through collection.selectors.cases_for (their own cases only), credit managers never count an
application they created or recommended (maker-checker, loans.services.applications)."""

from accounts import roles
from console.selectors.queues.audit import auditor_section
from console.selectors.queues.base import Queue, Section, changelist, user_roles
from console.selectors.queues.desk import collections_manager_section, collector_section
from console.selectors.queues.lending import (
    credit_manager_section,
    finance_section,
    loan_officer_section,
)

__all__ = ["Queue", "Section", "changelist", "home_sections", "user_roles"]

SECTIONS = [
    (roles.LOAN_OFFICER, loan_officer_section),
    (roles.CREDIT_MANAGER, credit_manager_section),
    (roles.FINANCE, finance_section),
    (roles.COLLECTOR, collector_section),
    (roles.COLLECTIONS_MANAGER, collections_manager_section),
    (roles.AUDITOR, auditor_section),
]


def home_sections(user) -> list[Section]:
    """The sections of `user`'s home page, one per staff role held, in a fixed order."""
    held = user_roles(user)
    return [build(user) for role, build in SECTIONS if role in held]
