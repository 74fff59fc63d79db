"""Cooling-off exits: the borrower asks, the money decides (docs/payments.md "Cooling-off
exit").

- `exit_request_open`: the borrower asks to leave the loan while the cooling-off rule
  (loans.services.loans.cooling_off_check) holds. The request fixes the amount up to its
  pay-by date. Nothing about the loan changes.
- `exit_request_settle`: called by payment_post, inside its transaction, after a payment
  was applied. A payment that paid the loan off (the replay foreclosed it), dated on or
  before the pay-by date of the loan's latest exit request, completes that request and the
  loan is cancelled instead of foreclosed. The payment's own ledger entry (Dr Bank, Cr Loan
  Portfolio, Cr Interest (Receivable on accrual basis), Cr Borrower Credit for any excess)
  is the cancellation's entry; on accrual basis payment_post then brings the interest
  collected to income (loans.ledger.interest_true_up), nothing else is posted.
- `exit_request_unsettle`: called by payment_reverse before it replays: reversing the
  payment that completed an exit takes the cancellation back (the loan is foreclosed
  again, and the replay without the payment reopens it).
- `exit_requests_lapse`: the daily job; a request not paid by its date lapses, and only
  its status and an audit event are written.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Min
from django.utils import timezone

from lendingsite import rawsql
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.models import Loan, LoanStatus
from loans.services.loans import cooling_off_amount, cooling_off_check
from repayments.models import ExitRequest, ExitRequestStatus, Payment
from repayments.services.base import loan_lock

STAFF_VIEW_PERM = "loans.view_loan"


def exit_pay_by(loan: Loan, *, requested_on: date) -> date:
    """EXIT_REQUEST_VALID_DAYS after the request, but always before the first installment
    falls due (cooling_off_check refuses a request from that day on), so that the exit
    amount is the daily rule's and paying it pays the loan off."""
    pay_by = requested_on + timedelta(days=settings.EXIT_REQUEST_VALID_DAYS)
    first_due = loan.installments.aggregate(d=Min("due_date"))["d"]
    if first_due is not None:
        pay_by = min(pay_by, first_due - timedelta(days=1))
    return max(pay_by, requested_on)


def _store(obj, names: tuple[str, ...]) -> None:
    """Write `names` (attribute names) of a row whose status a transition just moved, with
    its updated_at. Plain SQL: inside payment_post's pipeline the ORM's save(update_fields)
    cannot read the row count back and would take the write for a failure."""
    obj.updated_at = timezone.now()
    names = (*names, "updated_at")
    rawsql.values_update(type(obj), names, [(obj.pk, tuple(getattr(obj, n) for n in names))])


def _lapse(request: ExitRequest, *, on: date) -> None:
    request.lapse()
    request.lapsed_on = on
    _store(request, ("status", "lapsed_on"))
    audit_record(
        action="exit_request.lapsed",
        actor=None,
        target=request,
        before={"status": ExitRequestStatus.OPEN},
        after={
            "status": request.status,
            "loan": request.loan_id,
            "pay_by": request.pay_by,
            "amount": request.amount,
            "lapsed_on": on,
        },
    )


@refusals_audited("exit_request.open_refused")
@transaction.atomic
def exit_request_open(
    *, acting_user, loan: Loan, business_date: date | None = None
) -> tuple[ExitRequest, bool]:
    """The borrower asks to leave the loan within the cooling-off period. Returns the
    request and whether it is new: asking again while a request is open returns that one
    unchanged (its amount and date stand; nothing is written)."""
    loan = loan_lock(loan)
    if acting_user.pk != loan.borrower_id:
        if acting_user.has_perm(STAFF_VIEW_PERM):
            raise DomainError(
                "permission_denied",
                "Only the borrower can ask to cancel their loan; finance posts the money when it arrives.",
            )
        raise DomainError("not_found", "No such loan.")
    today = business_date or today_ist()
    current = ExitRequest.objects.select_for_update().filter(
        loan=loan, status=ExitRequestStatus.OPEN
    )
    for request in current:
        if request.pay_by >= today:
            return request, False
        _lapse(request, on=today)  # its date passed before the daily job saw it
    cooling_off_check(loan, on=today)
    pay_by = exit_pay_by(loan, requested_on=today)
    due = cooling_off_amount(loan, on=pay_by)
    request = ExitRequest.objects.create(
        loan=loan,
        requested_on=today,
        pay_by=pay_by,
        requested_by=acting_user,
        principal=due["principal"],
        interest=due["interest"],
        amount=due["total"],
    )
    audit_record(
        action="exit_request.opened",
        actor=acting_user,
        target=request,
        after={
            "status": request.status,
            "loan": loan.pk,
            "requested_on": today,
            "pay_by": pay_by,
            "principal": request.principal,
            "interest": request.interest,
            "amount": request.amount,
            "reference": request.reference,
        },
    )
    return request, True


def exit_request_settle(*, loan: Loan, payment: Payment, acting_user) -> ExitRequest | None:
    """Inside payment_post's transaction, with the loan locked and the payment applied.
    The matching rule, in one place: the payment left the loan paid off (foreclosed) and is
    dated on or before the pay-by date of the loan's latest exit request, open or lapsed
    (a payment dated on time but posted after the daily job is still on time). Anything
    else is an ordinary payment: a smaller one is a part-prepayment and the request stays
    open for the rest; a later one forecloses the loan."""
    if loan.status != LoanStatus.FORECLOSED:
        return None  # ordinary payments pay nothing for this check: no query
    request = (
        ExitRequest.objects.select_for_update().filter(loan_id=loan.pk).order_by("-id").first()
    )
    if request is None or request.status == ExitRequestStatus.COMPLETED:
        return None
    if payment.paid_on > request.pay_by:
        return None
    before = {"status": request.status}
    request.complete()
    request.payment = payment
    request.completed_on = payment.paid_on
    _store(request, ("status", "payment_id", "completed_on"))
    loan.cancel()
    _store(loan, ("status",))
    paid = {
        "payment": payment.pk,
        "utr": payment.utr,
        "paid_on": payment.paid_on,
        "amount": payment.amount,
        "principal": payment.principal,
        "interest": payment.interest,
        "excess": payment.excess,
    }
    audit_record(
        action="loan.cancelled",
        actor=acting_user,
        target=loan,
        before={"status": LoanStatus.FORECLOSED},
        after={"status": loan.status, "exit_request": request.pk, **paid},
    )
    audit_record(
        action="exit_request.completed",
        actor=acting_user,
        target=request,
        before=before,
        after={"status": request.status, "loan": loan.pk, "loan_status": loan.status, **paid},
    )
    return request


def exit_request_unsettle(
    *, loan: Loan, payment: Payment, acting_user, reason: str, today: date
) -> ExitRequest | None:
    """Inside payment_reverse's transaction, before it replays: when `payment` completed an
    exit, the cancellation goes with it. The loan goes back to foreclosed (the replay then
    reopens it) and the request back to open until its pay-by date, lapsed after it."""
    if loan.status != LoanStatus.CANCELLED:
        return None
    request = ExitRequest.objects.select_for_update().filter(payment=payment).first()
    if request is None:
        return None
    request.reopen(still_open=today <= request.pay_by)
    request.payment = None
    request.completed_on = None
    request.lapsed_on = None if request.status == ExitRequestStatus.OPEN else today
    _store(request, ("status", "payment_id", "completed_on", "lapsed_on"))
    loan.uncancel()
    _store(loan, ("status",))
    audit_record(
        action="exit_request.reopened",
        actor=acting_user,
        target=request,
        before={"status": ExitRequestStatus.COMPLETED, "payment": payment.pk},
        after={"status": request.status, "loan": loan.pk, "reason": reason},
    )
    return request


@transaction.atomic
def exit_requests_lapse(*, business_date: date) -> int:
    """Lapse every open request whose pay-by date is before `business_date` (beat, just
    after midnight, so a request stays open for the whole of its last day). Returns how
    many. Nothing but the request's status and its audit event is written."""
    lapsed = 0
    for request in ExitRequest.objects.select_for_update(skip_locked=True).filter(
        status=ExitRequestStatus.OPEN, pay_by__lt=business_date
    ):
        _lapse(request, on=business_date)
        lapsed += 1
    return lapsed
