"""The loan officer's, credit manager's and finance's queues."""

from __future__ import annotations

from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from accounts import roles
from accounts.models import AuditEvent, KycDocument, KycStatus
from console.selectors.queues.base import (
    LAPSING_DAYS,
    RECENT_DAYS,
    Queue,
    Section,
    changelist,
    role_changes_queue,
)
from lendingsite.dates import today_ist
from loans.models import ApplicationStatus, Loan, LoanApplication, LoanStatus
from repayments.models import ChargeWaiver, ExitRequest, ExitRequestStatus, WaiverStatus

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
            *filter(None, [role_changes_queue(user)]),
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
