"""Reads about cooling-off exit requests, shared by the API, the borrower's pages and the
officer console (the writes are repayments.services.exits)."""

from datetime import date, timedelta

from django.conf import settings
from django.db.models import QuerySet

from loans.models import Loan
from repayments import engine
from repayments.models import ExitRequest, ExitRequestStatus, Payment
from repayments.selectors import engine_rows, loan_terms


def exit_request_latest(loan: Loan) -> ExitRequest | None:
    """The loan's most recent exit request (open, completed or lapsed), if any; its `loan`
    is the instance given (with whatever it prefetched)."""
    request = (
        ExitRequest.objects.filter(loan=loan).select_related("payment").order_by("-id").first()
    )
    if request is not None:
        request.loan = loan
    return request


def exit_amounts(request: ExitRequest, *, today: date) -> list[dict]:
    """While the request is open: what pays the loan off, and so completes the exit, if the
    money reaches us on each day from today to the pay-by date. With nothing paid yet that
    is the cooling-off rule's amount for the day (the foreclosure arithmetic is the same
    rule: `interest_for_days`, held equal by a hypothesis test) and the last row is the
    request's amount; after a part-payment it is what is left. Paying a later day's amount
    earlier is safe: interest runs only to the day the money arrives, the rest is credit."""
    if request.status != ExitRequestStatus.OPEN:
        return []
    loan = request.loan
    # The loan page prefetched the rows in order; elsewhere this is one query.
    rows = engine_rows(sorted(loan.installments.all(), key=lambda i: i.number))
    terms = loan_terms(loan).schedule
    day = max(today, request.requested_on)
    amounts = []
    while day <= request.pay_by:
        due = engine.foreclosure_amount(rows, terms, day)
        amounts.append(
            {
                "on": day,
                "days": (day - loan.disbursed_on).days,
                "interest": due.interest,
                "total": due.total,
            }
        )
        day += timedelta(days=1)
    return amounts


def exit_payment_instructions(request: ExitRequest) -> dict:
    """Where to send the money (the pay page's instructions) and the remark to write."""
    return {**settings.PAYMENT_INSTRUCTIONS, "remarks": request.reference}


def exit_request_candidates(request: ExitRequest) -> QuerySet[Payment]:
    """Payments that could answer the request: those on its loan dated on or before its
    pay-by date (posted or reversed, newest first), for finance to compare."""
    return Payment.objects.filter(loan_id=request.loan_id, paid_on__lte=request.pay_by).order_by(
        "-paid_on", "-id"
    )
