"""Loan account services: disbursement (to the borrower's verified bank account; schedule
fixed, ledger entry), non-financial updates, and the cooling-off rule (who may still exit,
and for how much). The exit itself waits for the money: repayments.services.exits."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Count, Min, Q
from django_fsm import can_proceed

from accounts.screening.services import screening_disbursement_gate
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans import ledger
from loans.fees import ProcessingFee
from loans.ledger import Cr, Dr
from loans.models import Installment, Loan, LoanStatus
from loans.quotes import Quote, quote_of
from loans.schedule import ScheduleTerms, interest_for_days
from loans.services.applications.decision import account_verified_check

DISBURSE_PERM = "loans.disburse_loan"
CHANGE_PERM = "loans.change_loan"
MAX_BACKDATE_DAYS = 7


def _lock(loan: Loan) -> Loan:
    return Loan.objects.select_for_update().get(pk=loan.pk)


def loan_quote(loan: Loan, *, disbursement_date: date) -> Quote:
    """The loan's schedule from its agreed terms and a disbursement date."""
    charge = (loan.application.kfs or {}).get("charges", [{}])[0]
    fee = ProcessingFee(
        base=Decimal(charge.get("amount", "0.00")), gst=Decimal(charge.get("gst", "0.00"))
    )
    return quote_of(ScheduleTerms.from_terms(loan, disbursement_date=disbursement_date), fee=fee)


@refusals_audited("loan.disburse_refused")
@transaction.atomic
def loan_disburse(
    *,
    acting_user,
    loan: Loan,
    disbursed_on: date,
    reference: str,
    business_date: date | None = None,
) -> Loan:
    """`business_date` is the day the disbursement is booked (today in IST unless a job or
    the demo seed replays an earlier day); the back/forward-dating limits count from it."""
    if not acting_user.has_perm(DISBURSE_PERM):
        raise DomainError("permission_denied", "Only finance can disburse loans.")
    loan = _lock(loan)
    if acting_user.pk in (loan.approved_by_id, loan.borrower_id):
        raise DomainError(
            "maker_checker",
            f"You approved (or borrow) loan #{loan.pk}; someone else in finance must disburse it.",
        )
    screening_disbursement_gate(user=loan.borrower)
    if not can_proceed(loan.activate):
        raise DomainError(
            "invalid_state",
            f"Loan #{loan.pk} is {loan.get_status_display().lower()}; only a loan pending disbursement can be disbursed.",
        )
    today = business_date or today_ist()
    if disbursed_on > today:
        raise DomainError(
            "future_dated",
            "The disbursement date cannot be in the future.",
            errors={"disbursed_on": ["in the future"]},
        )
    if disbursed_on < today - timedelta(days=MAX_BACKDATE_DAYS):
        raise DomainError(
            "backdated",
            f"The disbursement date cannot be more than {MAX_BACKDATE_DAYS} days back.",
            errors={"disbursed_on": ["too far back"]},
        )
    reference = (reference or "").strip()
    if not reference:
        raise DomainError(
            "validation_error",
            "Give the bank reference of the transfer.",
            errors={"reference": ["required"]},
        )
    account = account_verified_check(loan.borrower)
    beneficiary = account.beneficiary()

    quote = loan_quote(loan, disbursement_date=disbursed_on)
    Installment.objects.bulk_create(
        Installment(
            loan=loan,
            number=row.number,
            due_date=row.due_date,
            principal_due=row.principal,
            interest_due=row.interest,
            balance_after=row.balance,
        )
        for row in quote.schedule.installments
    )
    loan.disbursed_on, loan.disbursement_reference, loan.disbursed_by = (
        disbursed_on,
        reference,
        acting_user,
    )
    loan.disbursement_account = account
    loan.principal_outstanding = loan.principal
    loan.net_disbursed = quote.net_disbursed
    loan.apr = quote.apr
    loan.cooling_off_until = disbursed_on + timedelta(days=loan.product.cooling_off_days)
    loan.activate()
    loan.save()
    ledger.journal_post(
        entry_date=disbursed_on,
        kind="disbursement",
        loan=loan,
        reference=reference,
        acting_user=acting_user,
        memo=(
            f"Disbursement of loan #{loan.pk} to {beneficiary['name']}, account "
            f"{beneficiary['account']}, IFSC {beneficiary['ifsc']} ({beneficiary['bank']})"
        ),
        lines=[
            Dr(ledger.LOAN_PORTFOLIO, loan.principal),
            Cr(ledger.BANK, quote.net_disbursed),
            Cr(ledger.FEE_INCOME, quote.fee.base),
            Cr(ledger.GST_PAYABLE, quote.fee.gst),
        ],
    )
    audit_record(
        action="loan.disbursed",
        actor=acting_user,
        target=loan,
        before={"status": LoanStatus.PENDING_DISBURSEMENT},
        after={
            "status": loan.status,
            "disbursed_on": disbursed_on,
            "reference": reference,
            "net_disbursed": quote.net_disbursed,
            "approved_by": loan.approved_by_id,
            "apr": loan.apr,
            "beneficiary": beneficiary,
        },
    )
    return loan


def cooling_off_amount(loan: Loan, *, on: date) -> dict:
    """What exiting on `on` costs: the principal and interest for the days the borrower
    had the money (actual/365, the loan's rounding: `interest_for_days`, the same rule as a
    foreclosure's broken-period interest); no penalty, and the processing fee stays."""
    days = (on - loan.disbursed_on).days
    interest = interest_for_days(loan.principal, loan.annual_rate, days, loan.rounding)
    return {
        "principal": loan.principal,
        "interest": interest,
        "days": days,
        "total": loan.principal + interest,
    }


def cooling_off_check(loan: Loan, *, on: date) -> None:
    """The one statement of when a borrower can still ask to exit: active, nothing repaid
    yet, `on` inside [disbursed_on, cooling_off_until] and before the first installment
    falls due (from then on the schedule's interest, not the daily rule, is owed). The
    quote and the exit request (repayments.services.exits) both ask it."""
    if loan.status != LoanStatus.ACTIVE:
        raise DomainError(
            "invalid_state",
            f"Loan #{loan.pk} is {loan.get_status_display().lower()}; only an active loan can be cancelled.",
        )
    if on < loan.disbursed_on:
        raise DomainError(
            "validation_error",
            f"Loan #{loan.pk} was disbursed on {loan.disbursed_on:%d %b %Y}; the date cannot be earlier.",
            errors={"on": ["before the disbursement"]},
        )
    if on > loan.cooling_off_until:
        raise DomainError(
            "invalid_state",
            f"The cooling-off period of loan #{loan.pk} ended on {loan.cooling_off_until:%d %b %Y}.",
        )
    rows = loan.installments.aggregate(
        first_due=Min("due_date"),
        paid=Count("id", filter=Q(principal_paid__gt=0) | Q(interest_paid__gt=0)),
    )
    if rows["paid"]:
        raise DomainError(
            "invalid_state",
            "Payments were already made on this loan; close it by foreclosure instead.",
        )
    if rows["first_due"] is not None and on >= rows["first_due"]:
        raise DomainError(
            "invalid_state",
            f"The first installment of loan #{loan.pk} fell due on {rows['first_due']:%d %b %Y}; close it by foreclosure instead.",
        )


def cooling_off_quote(*, loan: Loan, on: date) -> dict:
    """What exiting on `on` would take, or the refusal an exit request would meet."""
    cooling_off_check(loan, on=on)
    return {**cooling_off_amount(loan, on=on), "cooling_off_until": loan.cooling_off_until}


@refusals_audited("loan.update_refused")
@transaction.atomic
def loan_update(*, acting_user, loan: Loan, notes: str | None = None) -> Loan:
    """Change a loan's non-financial fields (loan officers; superusers). The financial
    ones are refused before this is reached (lendingsite.guard); this service has no way
    to write them."""
    if not acting_user.has_perm(CHANGE_PERM):
        raise DomainError("permission_denied", "You don't have permission to change loans.")
    loan = _lock(loan)
    if notes is None or loan.notes == notes:
        return loan  # nothing to change, nothing to record
    before = {"notes": loan.notes}
    loan.notes = notes
    loan.save(update_fields=["notes", "updated_at"])
    audit_record(
        action="loan.updated", actor=acting_user, target=loan, before=before, after={"notes": notes}
    )
    return loan


def disbursement_day_default() -> date:
    return today_ist()
