"""The borrower's cooling-off exit on the loan page (/loans/<id>/): "Changed your mind?"
is a button that asks to exit (POST /loans/<id>/exit/, exit_request_open); the page then
shows what to pay, by when and where, until the money arrives and the loan is cancelled
(docs/payments.md "Cooling-off exit"). Nothing typed here moves money or status.
"""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from lendingsite.errors import DomainError
from lendingsite.money import format_inr
from loans.models import Loan, LoanStatus
from loans.services.loans import cooling_off_quote
from portal.views.pay import sandbox_enabled
from repayments.models import ExitRequestStatus
from repayments.selectors.exits import (
    exit_amounts,
    exit_payment_instructions,
    exit_request_latest,
)
from repayments.services.exits import exit_request_open


def exit_context(loan: Loan, *, today: date) -> dict | None:
    """What the loan page says about leaving the loan: the offer while the cooling-off
    rule holds, the open request (amounts by day, where to pay, the deadline), or how an
    earlier request ended. None when there is nothing to say."""
    if loan.disbursed_on is None:
        return None
    request = exit_request_latest(loan)
    if request is not None and request.status == ExitRequestStatus.OPEN and request.pay_by >= today:
        amounts = exit_amounts(request, today=today)
        return {
            "state": "open",
            "request": request,
            "amounts": amounts,
            "today": amounts[0] if amounts else None,
            "instructions": exit_payment_instructions(request),
            "sandbox": sandbox_enabled(),
        }
    if request is not None and request.status == ExitRequestStatus.COMPLETED:
        return {"state": "completed", "request": request}
    if (
        loan.status == LoanStatus.ACTIVE
        and loan.cooling_off_until
        and today <= loan.cooling_off_until
    ):
        try:
            quote = cooling_off_quote(loan=loan, on=today)
        except DomainError:
            quote = None  # a payment was made, or an installment fell due: the offer is over
        if quote is not None:
            return {"state": "offer", "quote": quote, "lapsed": request}
    if request is not None and loan.status == LoanStatus.ACTIVE:
        return {"state": "lapsed", "lapsed": request}
    return None


@login_required
@require_POST
def exit_request_page(request, pk: int):
    """The "Ask to cancel" button. Whatever else the form carries is ignored."""
    loan = get_object_or_404(Loan.objects.filter(borrower=request.user), pk=pk)
    try:
        exit_request, created = exit_request_open(acting_user=request.user, loan=loan)
    except DomainError as exc:
        messages.error(request, exc.detail)
    else:
        if created:
            messages.success(
                request,
                f"We have your request to cancel loan #{loan.pk}. Pay "
                f"{format_inr(exit_request.amount)} or less (see below) by "
                f"{exit_request.pay_by.day} {exit_request.pay_by:%b %Y}; the loan is cancelled "
                "when the money arrives.",
            )
    return redirect(reverse("borrower:loan", args=[loan.pk]) + "#exit-title")
