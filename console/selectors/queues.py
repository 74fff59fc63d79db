"""Each role's home: the queues waiting for it, as counts linking to the filtered change list.

A queue is one COUNT query; the number of queries a home page costs depends on the roles the
user holds, never on the size of the book. Scoping is the owning app's: collectors count
through collection.selectors.cases_for (their own cases only), credit managers never count an
application they created or recommended (maker-checker, loans.services.applications)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import timedelta
from urllib.parse import urlencode

from django.contrib.auth import get_user_model
from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone

from accounts import roles
from accounts.models import AuditEvent, AuditSeal, KycDocument, KycStatus
from collection.models import (
    OPEN_CASE_STATUSES,
    CaseStatus,
    CollectionCase,
    CollectorScore,
    ContactLog,
)
from collection.selectors import cases_for
from lendingsite.dates import today_ist
from loans.models import ApplicationStatus, Loan, LoanApplication, LoanStatus
from repayments.models import ChargeWaiver, ExitRequest, ExitRequestStatus, WaiverStatus

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


@dataclass
class Section:
    """One role's part of the home page: its queues, and optionally a short table."""

    role: str
    title: str
    queues: list[Queue] = field(default_factory=list)
    table_title: str = ""
    table_head: list[str] = field(default_factory=list)
    table_rows: list[list] = field(default_factory=list)


def changelist(model_label: str, **params) -> str:
    url = reverse(f"admin:{model_label.replace('.', '_')}_changelist")
    return f"{url}?{urlencode(params)}" if params else url


def user_roles(user) -> set[str]:
    """The staff roles whose homes `user` sees: its groups; a superuser sees all of them."""
    if user.is_superuser:
        return set(roles.STAFF_ROLES)
    return set(user.groups.values_list("name", flat=True)) & set(roles.STAFF_ROLES)


# --- loan officer ----------------------------------------------------------------------------


def loan_officer_section(user) -> Section:
    to_review = LoanApplication.objects.filter(
        status__in=[ApplicationStatus.SUBMITTED, ApplicationStatus.UNDER_REVIEW],
        recommended_by__isnull=True,
    )
    kyc = KycDocument.objects.filter(status=KycStatus.PENDING, superseded_at__isnull=True)
    mine = LoanApplication.objects.filter(
        recommended_by=user, status=ApplicationStatus.UNDER_REVIEW
    )
    return Section(
        role=roles.LOAN_OFFICER,
        title="Loan officer",
        queues=[
            Queue(
                "Applications to review",
                to_review.count(),
                changelist(
                    "loans.loanapplication",
                    status__in="submitted,under_review",
                    recommended_by__isnull="True",
                ),
            ),
            Queue(
                "KYC documents to verify",
                kyc.count(),
                changelist(
                    "accounts.kycdocument", status__exact="pending", superseded_at__isnull="True"
                ),
            ),
            Queue(
                "My recommendations waiting for a decision",
                mine.count(),
                changelist(
                    "loans.loanapplication",
                    status__exact="under_review",
                    recommended_by__id__exact=user.pk,
                ),
            ),
        ],
    )


# --- credit manager --------------------------------------------------------------------------


def decisions_waiting_for(user) -> QuerySet:
    """Recommended applications this user may decide: not created or recommended by them."""
    return (
        LoanApplication.objects.filter(
            status=ApplicationStatus.UNDER_REVIEW, recommended_by__isnull=False
        )
        .exclude(recommended_by=user)
        .exclude(created_by=user)
    )


def credit_manager_section(user) -> Section:
    today = today_ist()
    lapsing = LoanApplication.objects.filter(
        status=ApplicationStatus.APPROVED,
        offer_expires_on__range=(today, today + timedelta(days=LAPSING_DAYS)),
    )
    return Section(
        role=roles.CREDIT_MANAGER,
        title="Credit manager",
        queues=[
            Queue(
                "Decisions waiting for me",
                decisions_waiting_for(user).count(),
                changelist("loans.loanapplication", waiting_for="me"),
            ),
            Queue(
                f"Offers lapsing within {LAPSING_DAYS} days",
                lapsing.count(),
                changelist(
                    "loans.loanapplication",
                    status__exact="approved",
                    offer_expires_on__gte=today.isoformat(),
                    offer_expires_on__lte=(today + timedelta(days=LAPSING_DAYS)).isoformat(),
                ),
            ),
        ],
    )


# --- finance ---------------------------------------------------------------------------------


def finance_section(user) -> Section:
    since = timezone.now() - timedelta(days=RECENT_DAYS)
    return Section(
        role=roles.FINANCE,
        title="Finance",
        queues=[
            Queue(
                "Loans to disburse",
                Loan.objects.filter(status=LoanStatus.PENDING_DISBURSEMENT).count(),
                changelist("loans.loan", status__exact=LoanStatus.PENDING_DISBURSEMENT),
            ),
            Queue(
                "Waivers waiting for a second person (not mine)",
                ChargeWaiver.objects.filter(status=WaiverStatus.PROPOSED)
                .exclude(proposed_by=user)
                .count(),
                changelist("repayments.chargewaiver", status__exact=WaiverStatus.PROPOSED),
            ),
            Queue(
                "Exit requests (cooling-off) waiting for their payment",
                ExitRequest.objects.filter(status=ExitRequestStatus.OPEN).count(),
                changelist("repayments.exitrequest", status="open"),
            ),
            Queue(
                f"Gateway payments that matched no loan (last {RECENT_DAYS} days)",
                AuditEvent.objects.filter(action="webhook.refused", created_at__gte=since).count(),
                # The refusals are audit events; finance reads the count, auditors the rows.
                changelist("accounts.auditevent", action__exact="webhook.refused")
                if user.has_perm("accounts.view_auditevent")
                else "",
            ),
        ],
    )


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
        ],
        table_title="Each collector's load and last week's score",
        table_head=["Collector", "Open cases", "Overdue", "Promises kept", "Collected"],
        table_rows=rows,
    )


# --- auditor ---------------------------------------------------------------------------------


def chain_status() -> dict:
    """Sealed up to (the last seal's time and position) and how many events wait unsealed."""
    last = AuditSeal.objects.order_by("-seq").values("seq", "sealed_at").first()
    unsealed = AuditEvent.objects.filter(seal__isnull=True).count()
    return {"last": last, "unsealed": unsealed}


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
    )


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
