"""The collector's and the collections manager's queues."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from collection.models import (
    OPEN_CASE_STATUSES,
    CaseStatus,
    CollectionCase,
    CollectorScore,
    ContactLog,
)
from collection.selectors import cases_for
from console.selectors.queues.base import (
    QUIET_DAYS,
    RECENT_ROWS,
    Queue,
    Section,
    changelist,
    role_changes_queue,
)
from lendingsite.dates import today_ist

# --- collector -------------------------------------------------------------------------------


def quiet_cases(qs: QuerySet, *, days: int = QUIET_DAYS) -> QuerySet:
    """Open cases with no contact logged in the last `days` days."""
    since = timezone.now() - timedelta(days=days)
    recent = ContactLog.objects.filter(case=OuterRef("pk"), contacted_at__gte=since)
    return qs.filter(status__in=OPEN_CASE_STATUSES).exclude(Exists(recent))


def collector_section(user) -> Section:
    mine = cases_for(user).filter(assigned_to=user)
    today = today_ist()
    top = list(
        mine.filter(status__in=OPEN_CASE_STATUSES).order_by("-loan__dpd", "id")[:RECENT_ROWS]
    )
    return Section(
        role=roles.COLLECTOR,
        title="My cases",
        queues=[
            Queue(
                "Promises due today",
                mine.filter(promise_due_on=today).count(),
                changelist("collection.collectioncase", promise_due="today"),
            ),
            Queue(
                "Broken promises",
                mine.filter(status=CaseStatus.BROKEN_PROMISE).count(),
                changelist("collection.collectioncase", status__exact=CaseStatus.BROKEN_PROMISE),
            ),
            Queue(
                f"Not contacted in {QUIET_DAYS} days",
                quiet_cases(mine).count(),
                changelist("collection.collectioncase", quiet=str(QUIET_DAYS)),
            ),
        ],
        table_title="Highest days past due",
        table_head=["Case", "Borrower", "DPD", "Bucket", "Overdue", "Promise due"],
        table_rows=[
            [
                (
                    f"#{c.pk}",
                    reverse("admin:collection_collectioncase_change", args=[c.pk]),
                ),
                c.loan.borrower.full_name or c.loan.borrower.email,
                c.loan.dpd,
                c.loan.bucket,
                ("money", c.overdue_amount),
                ("date", c.promise_due_on),
            ]
            for c in top
        ],
    )


# --- collections manager ---------------------------------------------------------------------


def collector_loads() -> QuerySet:
    """Active collectors with their open-case count and overdue amount (one query)."""
    open_q = Q(collection_cases__status__in=OPEN_CASE_STATUSES)
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=roles.COLLECTOR)
        .annotate(
            open_cases=Count("collection_cases", filter=open_q, distinct=True),
            overdue=Sum("collection_cases__overdue_amount", filter=open_q),
        )
        .order_by("-open_cases", "email")
    )


def collections_manager_section(user) -> Section:
    unassigned = CollectionCase.objects.filter(
        status__in=OPEN_CASE_STATUSES, assigned_to__isnull=True
    )
    loads = list(collector_loads())
    latest_week = CollectorScore.objects.order_by("-week_start").values("week_start")[:1]
    scores = {
        s.collector_id: s
        for s in CollectorScore.objects.filter(week_start__in=latest_week, collector__in=loads)
    }
    rows = []
    for u in loads:
        score = scores.get(u.pk)
        kept = f"{score.promises_kept} of {score.promises_made}" if score else "—"
        collected = score.amount_collected if score else None
        rows.append(
            [
                (u.email, changelist("collection.collectioncase", collector=u.pk)),
                u.open_cases,
                ("money", u.overdue),
                kept,
                ("money", collected),
            ]
        )
    return Section(
        role=roles.COLLECTIONS_MANAGER,
        title="Collections manager",
        queues=[
            Queue(
                "Unassigned cases",
                unassigned.count(),
                changelist("collection.collectioncase", collector="none"),
            ),
            *filter(None, [role_changes_queue(user)]),
        ],
        table_title="Each collector's load and last week's score",
        table_head=["Collector", "Open cases", "Overdue", "Promises kept", "Collected"],
        table_rows=rows,
    )
