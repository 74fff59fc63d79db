"""Loan account services: disbursement (schedule fixed, ledger entry) and cooling-off
cancellation."""

from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from accounts.audit import audit_record, refusals_audited
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans import ledger
from loans.fees import ProcessingFee
from loans.ledger import Cr, Dr
from loans.models import Installment, Loan, LoanStatus
from loans.quotes import Quote, quote_build
from loans.schedule import round_money

DISBURSE_PERM = "loans.disburse_loan"
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
def loan_disburse(*, acting_user, loan: Loan, disbursed_on: date, reference: str) -> Loan:
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
    today = today_ist()
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
        memo=f"Disbursement of loan #{loan.pk}",
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


@refusals_audited("loan.cooling_off_cancel")
@transaction.atomic
def loan_cooling_off_cancel(
    *, acting_user, loan: Loan, paid_on: date, amount: Decimal, reference: str
) -> Loan:
    """The borrower exits within the cooling-off period by repaying principal plus
    proportionate interest. Recorded by finance when the money arrives, or by the borrower's
    gateway payment; the processing fee is not refunded (docs/decisions.md)."""
    loan = _lock(loan)
    if acting_user.pk != loan.borrower_id and not acting_user.has_perm("loans.disburse_loan"):
        raise DomainError("not_found", "No such loan.")
    if loan.status != LoanStatus.ACTIVE:
        raise DomainError("invalid_state", f"Loan #{loan.pk} is not active.")
    if (
        loan.cooling_off_until is None
        or paid_on > loan.cooling_off_until
        or paid_on < loan.disbursed_on
    ):
        raise DomainError(
            "invalid_state",
            f"The cooling-off period of loan #{loan.pk} ended on {loan.cooling_off_until:%d %b %Y}.",
        )
    if (
        loan.installments.filter(principal_paid__gt=0).exists()
        or loan.installments.filter(interest_paid__gt=0).exists()
    ):
        raise DomainError(
            "invalid_state",
            "Payments were already made on this loan; close it by foreclosure instead.",
        )
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


def disbursement_day_default() -> date:
    return today_ist()
