"""Reads shared by the desk services, the cases API and the officer console.

Who sees which case is decided here and only here (`cases_for`): collectors see the cases
assigned to them; collections managers, auditors and superusers see every case. Anyone
else (borrowers, loan officers, finance) sees none.
"""

from django.contrib.auth import get_user_model
from django.db.models import OuterRef, QuerySet, Subquery

from accounts.roles import AUDITOR, COLLECTOR
from collection.models import (
    BucketHistory,
    CollectionCase,
    PromiseStatus,
    PromiseToPay,
)
from loans.models import Loan
from loans.selectors import loan_arrears, loans_with_arrears, today_as_of

VIEW_CASE_PERM = "collection.view_collectioncase"
ASSIGN_PERM = "collection.change_collectioncase"
ADD_CONTACT_PERM = "collection.add_contactlog"
ADD_PROMISE_PERM = "collection.add_promisetopay"


def _in_role(user, role: str) -> bool:
    # Cached per user object: the worklist asks several times per request.
    cache = user.__dict__.setdefault("_collection_roles", {})
    if role not in cache:
        cache[role] = user.groups.filter(name=role).exists()
    return cache[role]


def sees_every_case(user) -> bool:
    """Managers (who assign) and auditors read the whole book; collectors only their own."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.has_perm(ASSIGN_PERM) or (user.has_perm(VIEW_CASE_PERM) and _in_role(user, AUDITOR))


def pending_promises() -> QuerySet:
    return PromiseToPay.objects.filter(status=PromiseStatus.PENDING)


def cases_for(user) -> QuerySet:
    """The cases `user` may see, with the loan, borrower and collector joined and the
    pending promise (if any) annotated, so a list costs one query whatever its length."""
    if not getattr(user, "is_authenticated", False) or not user.has_perm(VIEW_CASE_PERM):
        return CollectionCase.objects.none()
    pending = pending_promises().filter(case=OuterRef("pk")).order_by("promised_on", "id")
    qs = CollectionCase.objects.select_related(
        "loan", "loan__borrower", "loan__borrower__profile", "assigned_to"
    ).annotate(
        promise_due_on=Subquery(pending.values("promised_on")[:1]),
        promise_amount=Subquery(pending.values("amount")[:1]),
    )
    if sees_every_case(user):
        return qs
    return qs.filter(assigned_to=user)


def active_collectors() -> QuerySet:
    """Users who can be given cases: active, in the collector group."""
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__name=COLLECTOR)
        .distinct()
        .order_by("pk")
    )


def is_active_collector(user) -> bool:
    return bool(user and user.is_active and _in_role(user, COLLECTOR))


def case_loan_summary(case: CollectionCase) -> dict:
    """What a collector needs to know about the loan behind a case (read-only)."""
    loan = loans_with_arrears(Loan.objects.filter(pk=case.loan_id)).select_related("borrower")[0]
    arrears = loan_arrears(loan, as_of=today_as_of())
    return {
        "loan": loan.pk,
        "product": loan.product.name,
        "status": loan.get_status_display(),
        "principal": loan.principal,
        "principal_outstanding": loan.principal_outstanding,
        "total_outstanding": loan.total_outstanding,
        "overdue_amount": arrears.overdue_amount,
        "overdue_since": arrears.oldest_overdue,
        # An overdue loan's arrears are due now (today), never by a past date.
        "next_due_date": arrears.next_payment_date,
        "next_due_amount": arrears.next_payment_amount,
        "dpd": loan.dpd,
        "bucket": loan.bucket,
        "disbursed_on": loan.disbursed_on,
    }


def case_bucket_history(case: CollectionCase) -> QuerySet:
    return BucketHistory.objects.filter(loan_id=case.loan_id).order_by("-business_date", "-id")
