"""Reads shared by services, the API, the admin and the pages."""

from datetime import date
from decimal import Decimal

from django.db.models import Count, F, Prefetch, Q

from loans.models import Installment, Loan, LoanApplication, LoanStatus


def borrower_on_time_ratio(*, borrower, as_of: date) -> Decimal | None:
    """Share of the borrower's installments due before `as_of` that were paid in full by
    their due date; None when there is no history on the platform."""
    counts = Installment.objects.filter(loan__borrower=borrower, due_date__lt=as_of).aggregate(
        total=Count("id"),
        on_time=Count("id", filter=Q(paid_on__isnull=False, paid_on__lte=F("due_date"))),
    )
    if not counts["total"]:
        return None
    return (Decimal(counts["on_time"]) / counts["total"]).quantize(Decimal("0.0001"))


def borrower_has_active_npa(*, borrower) -> bool:
    return Loan.objects.filter(borrower=borrower, status=LoanStatus.ACTIVE, bucket="NPA").exists()


def applications_for(user):
    """Applications the user may see: staff see all, a borrower only their own."""
    qs = LoanApplication.objects.select_related("product", "borrower", "created_by")
    return qs if user.is_staff else qs.filter(borrower=user)


def loans_for(user):
    qs = Loan.objects.select_related("product", "borrower")
    return qs if user.is_staff else qs.filter(borrower=user)


def loan_with_schedule(*, loan_id: int, user):
    return (
        loans_for(user)
        .prefetch_related(Prefetch("installments", queryset=Installment.objects.order_by("number")))
        .get(pk=loan_id)
    )
