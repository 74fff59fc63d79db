"""Loan account services: disbursement (to the borrower's verified bank account; schedule
fixed, ledger entry) and cooling-off cancellation."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Q

from accounts.audit import audit_record, refusals_audited
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans import ledger
from loans.fees import ProcessingFee
from loans.ledger import Cr, Dr
from loans.models import Installment, Loan, LoanStatus
from loans.quotes import Quote, quote_build
from loans.schedule import round_money
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
    return quote_build(
        principal=loan.principal,
        annual_rate=loan.annual_rate,
        tenure=loan.tenure,
        disbursement_date=disbursement_date,
        interest_method=loan.interest_method,
        amortization=loan.amortization,
        interest_period=loan.interest_period,
        frequency=loan.frequency,
        installment_multiple=Decimal(loan.installment_multiple),
        rounding=loan.rounding,
        grace_on_principal=loan.grace_on_principal,
        fee=fee,
    )


@refusals_audited("loan.disburse")
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
    if loan.status != LoanStatus.PENDING_DISBURSEMENT:
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
    """What cancelling on `on` costs: the principal and interest for the days the borrower
    had the money (actual/365, the loan's rounding); no penalty."""
    days = (on - loan.disbursed_on).days
    interest = round_money(loan.principal * loan.annual_rate / 100 * days / 365, loan.rounding)
    return {
        "principal": loan.principal,
        "interest": interest,
        "days": days,
        "total": loan.principal + interest,
    }


def cooling_off_check(loan: Loan, *, on: date) -> None:
    """The one statement of when a loan can still be cancelled: active, nothing repaid
    yet, and `on` inside [disbursed_on, cooling_off_until]. The quote and the cancellation
    both ask it."""
    if loan.status != LoanStatus.ACTIVE:
        raise DomainError(
            "invalid_state",
            f"Loan #{loan.pk} is {loan.get_status_display().lower()}; only an active loan can be cancelled.",
        )
    if on < loan.disbursed_on:
        raise DomainError(
            "validation_error",
            f"Loan #{loan.pk} was disbursed on {loan.disbursed_on:%d %b %Y}; the date cannot be earlier.",
            errors={"paid_on": ["before the disbursement"]},
        )
    if on > loan.cooling_off_until:
        raise DomainError(
            "invalid_state",
            f"The cooling-off period of loan #{loan.pk} ended on {loan.cooling_off_until:%d %b %Y}.",
        )
    if loan.installments.filter(Q(principal_paid__gt=0) | Q(interest_paid__gt=0)).exists():
        raise DomainError(
            "invalid_state",
            "Payments were already made on this loan; close it by foreclosure instead.",
        )


def cooling_off_quote(*, loan: Loan, on: date) -> dict:
    """What cancelling on `on` would take, or the refusal cancelling would meet."""
    cooling_off_check(loan, on=on)
    return {**cooling_off_amount(loan, on=on), "cooling_off_until": loan.cooling_off_until}


@refusals_audited("loan.cooling_off_cancel")
@transaction.atomic
def loan_cooling_off_cancel(
    *,
    acting_user,
    loan: Loan,
    paid_on: date,
    amount: Decimal,
    reference: str,
    business_date: date | None = None,
) -> Loan:
    """The borrower exits within the cooling-off period by repaying principal plus
    proportionate interest. Recorded by finance when the money arrives, or by the borrower's
    gateway payment; the processing fee is not refunded (docs/decisions.md)."""
    loan = _lock(loan)
    if acting_user.pk != loan.borrower_id and not acting_user.has_perm(DISBURSE_PERM):
        if acting_user.is_staff:
            raise DomainError("permission_denied", "Only finance can record a cancellation.")
        raise DomainError("not_found", "No such loan.")
    if paid_on > (business_date or today_ist()):
        raise DomainError(
            "future_dated",
            "The payment date cannot be in the future.",
            errors={"paid_on": ["in the future"]},
        )
    cooling_off_check(loan, on=paid_on)
    due = cooling_off_amount(loan, on=paid_on)
    if amount != due["total"]:
        raise DomainError(
            "validation_error",
            f"Cancelling on {paid_on:%d %b %Y} needs exactly ₹{due['total']} (principal ₹{due['principal']} + interest ₹{due['interest']}).",
            errors={"amount": [f"must be {due['total']}"]},
        )
    ledger.journal_post(
        entry_date=paid_on,
        kind="cooling_off_cancellation",
        loan=loan,
        reference=reference,
        acting_user=acting_user,
        lines=[
            Dr(ledger.BANK, amount),
            Cr(ledger.LOAN_PORTFOLIO, due["principal"]),
            Cr(ledger.INTEREST_INCOME, due["interest"]),
        ],
    )
    loan.principal_outstanding = Decimal("0.00")
    loan.closed_on = paid_on
    loan.cancel()
    loan.save()
    audit_record(
        action="loan.cancelled",
        actor=acting_user,
        target=loan,
        before={"status": LoanStatus.ACTIVE},
        after={"status": loan.status, **due, "reference": reference},
    )
    return loan


@refusals_audited("loan.update")
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
