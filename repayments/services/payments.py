"""Payment services: post and reverse here; refund a credit and levy a charge in
repayments.services.charges, imported here so the contract's four names live in one place
(DESIGN §5, §6).

Every change to a loan's installments goes through `loan_replay_store`: the loan's whole
history (posted payments and charges) is replayed over the original schedule by the pure
engine and the result is written back: changed installments, allocations, the payments'
allocation totals (with a balanced adjustment entry for any payment whose split changed),
principal outstanding and status. Rules and choices: docs/payments.md.
"""

from datetime import date, timedelta
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django_fsm import can_proceed

from lendingsite import rawsql
from lendingsite.audit import audit_record, refusals_audited
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from lendingsite.utr import utr_canonical
from loans import ledger
from loans.models import JournalEntry, Loan, LoanStatus
from repayments import engine
from repayments.models import (
    Channel,
    Payment,
    PaymentReversal,
    PaymentSource,
)
from repayments.services.base import (
    ADD_PERM,
    REFUND_PERM,
    REVERSE_PERM,
    loan_lock,
    money_parse,
)
from repayments.services.charges import charge_levy, credit_refund
from repayments.services.exits import exit_request_settle, exit_request_unsettle
from repayments.services.rawsql import installments_lock_for_post, loan_lock_for_post
from repayments.services.replay import (
    NEW_PAYMENT,
    PAID_OFF,
    STORED,
    installments_converted,
    loan_replay,
    loan_replay_store,
    payment_lines,
)
from repayments.services.servicing.recoveries import recovery_post, recovery_reverse
from repayments.services.servicing.reschedules import history_closed_check
from repayments.services.servicing.settlements import (
    settlement_payment_apply,
    settlement_payment_unapply,
)

__all__ = [
    "ADD_PERM",
    "REFUND_PERM",
    "REVERSE_PERM",
    "charge_levy",
    "credit_refund",
    "payment_post",
    "payment_reverse",
]
PAYMENT_KINDS = ("payment", "payment_adjustment")
# Posted without a person: a gateway's signed webhook, or a system job.
UNATTENDED_SOURCES = (PaymentSource.WEBHOOK, PaymentSource.SYSTEM)


def _payment_validate(
    *, acting_user, amount, paid_on: date, channel: str, utr: str, source: str, today: date
) -> tuple[Decimal, str]:
    """The safety rules that need no database (DESIGN §5), each with its stable code.
    Returns the amount and the UTR in canonical form (lendingsite.utr)."""
    if acting_user is None:
        if source not in UNATTENDED_SOURCES:
            raise DomainError("permission_denied", "Sign in to record a payment.")
    elif not acting_user.has_perm(ADD_PERM):
        raise DomainError(
            "permission_denied", "Only finance and loan officers can record payments."
        )
    if source not in PaymentSource.values:
        raise DomainError(
            "validation_error", f"Unknown source {source!r}.", errors={"source": ["unknown"]}
        )
    if channel not in Channel.values:
        raise DomainError(
            "validation_error",
            f"Unknown channel {channel!r}; use one of: {', '.join(Channel.values)}.",
            errors={"channel": ["unknown channel"]},
        )
    utr = utr_canonical(utr)
    amount = money_parse(amount, "amount")
    low, high = Decimal(settings.PAYMENT_MIN_AMOUNT), Decimal(settings.PAYMENT_MAX_AMOUNT)
    if not low <= amount <= high:
        raise DomainError(
            "amount_out_of_range",
            f"A payment must be between ₹{low:,.2f} and ₹{high:,.2f}; ₹{amount:,.2f} is not.",
            errors={"amount": ["out of range"]},
        )
    if paid_on > today:
        raise DomainError(
            "future_dated",
            f"The payment date {paid_on:%d %b %Y} is in the future.",
            errors={"paid_on": ["in the future"]},
        )
    days = settings.PAYMENT_MAX_BACKDATE_DAYS
    if paid_on < today - timedelta(days=days):
        raise DomainError(
            "backdated",
            f"The payment date {paid_on:%d %b %Y} is more than {days} days back.",
            errors={"paid_on": ["too far back"]},
        )
    return amount, utr


def _duplicate_utr(utr: str) -> DomainError:
    earlier = Payment.objects.filter(utr_canonical=utr).values("id", "paid_on").first()
    if earlier is None:  # the clash was on the gateway's payment id instead
        return DomainError(
            "duplicate",
            "This gateway payment was already posted.",
            errors={"provider_payment_id": ["already used"]},
        )
    return DomainError(
        "duplicate_utr",
        f"UTR {utr} was already posted on {earlier['paid_on']:%Y-%m-%d} (payment {earlier['id']}).",
        errors={"utr": ["already used"]},
    )


@refusals_audited("payment.post_refused")
@transaction.atomic
@rawsql.pipelined  # BEGIN travels with the lock; the writes after the insert go in one batch
def payment_post(
    *,
    acting_user,
    loan: Loan,
    amount: Decimal,
    paid_on: date,
    channel: str,
    utr: str,
    source: str = "api",
    provider: str = "",
    provider_payment_id: str = "",
    business_date: date | None = None,
) -> Payment:
    """Record a payment on an active loan and apply it: dues oldest first in the product's
    order, anything beyond a prepayment (re-amortized) or, when it covers the foreclosure
    amount, the close of the loan. `business_date` is the day of booking (today in IST
    unless a job replays a day); the date limits count from it."""
    amount, utr = _payment_validate(
        acting_user=acting_user,
        amount=amount,
        paid_on=paid_on,
        channel=channel,
        utr=utr,
        source=source,
        today=business_date or today_ist(),
    )
    loan = loan_lock_for_post(loan)
    if loan.status == LoanStatus.WRITTEN_OFF:
        return _recovery_post(
            acting_user=acting_user,
            loan=loan,
            amount=amount,
            paid_on=paid_on,
            channel=channel,
            utr=utr,
            source=source,
            provider=provider,
            provider_payment_id=provider_payment_id,
            booked_on=business_date or today_ist(),
        )
    if loan.status != LoanStatus.ACTIVE:
        raise DomainError(
            "loan_not_active",
            f"Loan #{loan.pk} is {loan.get_status_display().lower()}; payments can be posted only to an active loan.",
        )
    history_closed_check(loan, paid_on=paid_on)
    if paid_on < loan.disbursed_on:
        raise DomainError(
            "validation_error",
            f"Loan #{loan.pk} was disbursed on {loan.disbursed_on:%d %b %Y}; a payment cannot be dated earlier.",
            errors={"paid_on": ["before the disbursement"]},
        )
    # The usual case, a payment dated after everything else on the loan, is applied to the
    # stored installments; a backdated one replays the loan's whole history.
    installments, last_paid_on, last_charged_on = installments_lock_for_post(loan.pk, STORED)
    tail = (last_paid_on is None or last_paid_on <= paid_on) and (
        last_charged_on is None or last_charged_on < paid_on
    )
    replay = loan_replay(
        loan=loan,
        new_payment=engine.PaymentEvent(NEW_PAYMENT, amount, paid_on),
        tail=tail,
        installments=installments_converted(installments),
    )
    allocation = replay.result.allocations[NEW_PAYMENT].as_dict()
    payment = Payment(
        loan=loan,
        amount=amount,
        paid_on=paid_on,
        channel=channel,
        utr=utr,
        utr_canonical=utr,
        received_by=acting_user,
        source=source,
        provider=provider,
        provider_payment_id=provider_payment_id,
        **allocation,
    )
    # The unique constraints decide duplicates, also between concurrent posts: INSERT … ON
    # CONFLICT DO NOTHING gives no row back when the UTR (or gateway id) is taken.
    if rawsql.insert_returning_id(payment, skip_conflicts=True) is None:
        raise _duplicate_utr(utr)
    loan_replay_store(
        replay, new_payment=payment, acting_user=acting_user, today=business_date or today_ist()
    )
    booked_on = business_date or today_ist()
    ledger.journal_post(
        entry_date=paid_on,
        kind="payment",
        loan=loan,
        reference=utr,
        memo=f"Payment {payment.pk} on loan #{loan.pk}",
        acting_user=acting_user,
        lines=payment_lines(allocation, amount=amount),
    )
    if loan.status in PAID_OFF:
        # Accrual basis: a loan paid off holds no accrued interest (docs/accounting.md).
        ledger.interest_true_up(loan=loan, entry_date=paid_on, acting_user=acting_user)
    # A payment that paid the loan off may answer the borrower's cooling-off exit request;
    # settled first, so that the payment's event says what the loan became (cancelled).
    exit_request_settle(loan=loan, payment=payment, acting_user=acting_user)
    settlement_payment_apply(loan=loan, payment=payment, acting_user=acting_user, today=booked_on)
    audit_record(
        action="payment.posted",
        actor=acting_user,
        target=payment,
        after={
            "loan": loan.pk,
            "amount": amount,
            "paid_on": paid_on,
            "business_date": booked_on,
            "channel": channel,
            "utr": utr,
            "source": source,
            "allocation": allocation,
            "loan_status": loan.status,
            "principal_outstanding": loan.principal_outstanding,
            "total_outstanding": replay.result.total_outstanding,
        },
    )
    return payment


@refusals_audited("payment.reverse_refused")
@transaction.atomic
def payment_reverse(
    *, acting_user, payment: Payment, reason: str, business_date: date | None = None
) -> PaymentReversal:
    """Undo a posted payment (a bounced cheque, a mistaken entry): its journal entries are
    reversed by new entries, and the loan's history is replayed without it, so later
    payments move up to the dues it had paid (each with a balanced adjustment entry)."""
    if not acting_user.has_perm(REVERSE_PERM):
        raise DomainError("permission_denied", "Only finance can reverse payments.")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(
            "validation_error", "Give the reason for the reversal.", errors={"reason": ["required"]}
        )
    loan = loan_lock(payment.loan)
    payment = Payment.objects.select_for_update().get(pk=payment.pk)
    if payment.received_by_id == acting_user.pk:
        raise DomainError(
            "maker_checker",
            f"You posted payment {payment.pk}; someone else in finance must reverse it.",
        )
    if not can_proceed(payment.reverse):
        raise DomainError("invalid_state", f"Payment {payment.pk} is already reversed.")
    history_closed_check(loan, payment=payment)
    today = business_date or today_ist()
    if loan.status == LoanStatus.WRITTEN_OFF:
        before = {"status": payment.status, "loan_status": loan.status, **_totals(payment)}
        reversal = recovery_reverse(
            acting_user=acting_user, loan=loan, payment=payment, reason=reason, today=today
        )
        _reversal_audit(acting_user, payment, loan, before, reason, today)
        return reversal
    # Reversing the payment that completed a cooling-off exit takes the cancellation back.
    exit_request_unsettle(
        loan=loan, payment=payment, acting_user=acting_user, reason=reason, today=today
    )
    if loan.status not in (LoanStatus.ACTIVE, LoanStatus.CLOSED, LoanStatus.FORECLOSED):
        raise DomainError(
            "invalid_state",
            f"Loan #{loan.pk} is {loan.get_status_display().lower()}; its payments can no longer be reversed.",
        )
    before = {"status": payment.status, "loan_status": loan.status, **_totals(payment)}
    settlement_payment_unapply(loan=loan, payment=payment, acting_user=acting_user, today=today)
    reversal = PaymentReversal.objects.create(
        payment=payment, reason=reason[:300], reversed_by=acting_user, reversed_on=today
    )
    payment.reverse()
    payment.save(update_fields=["status"])
    entries = JournalEntry.objects.filter(
        loan=loan, kind__in=PAYMENT_KINDS, reference=payment.utr, reversed_by__isnull=True
    ).order_by("id")
    for entry in entries:
        ledger.journal_reverse(
            entry=entry,
            entry_date=today,
            acting_user=acting_user,
            memo=f"Reversal of payment {payment.pk}: {reason}",
        )
    payment.allocations.all().delete()
    loan_replay_store(
        loan_replay(loan=loan), new_payment=None, acting_user=acting_user, today=today
    )
    _reversal_audit(acting_user, payment, loan, before, reason, today)
    return reversal


def _reversal_audit(acting_user, payment, loan, before, reason, today) -> None:
    audit_record(
        action="payment.reversed",
        actor=acting_user,
        target=payment,
        before=before,
        after={
            "status": payment.status,
            "reason": reason,
            "reversed_on": today,
            "posted_by": payment.received_by_id,
            "loan_status": loan.status,
            "principal_outstanding": loan.principal_outstanding,
        },
    )


def _recovery_post(*, acting_user, loan, amount, paid_on, utr, booked_on, **rest) -> Payment:
    """A payment on a written-off loan: a recovery (repayments.services.servicing.recoveries)."""
    payment = recovery_post(
        acting_user=acting_user, loan=loan, amount=amount, paid_on=paid_on, utr=utr, **rest
    )
    if payment is None:
        raise _duplicate_utr(utr)
    allocation = {**_totals(payment)}
    audit_record(
        action="payment.posted",
        actor=acting_user,
        target=payment,
        after={
            "loan": loan.pk,
            "amount": amount,
            "paid_on": paid_on,
            "business_date": booked_on,
            "utr": utr,
            "recovery": True,
            "allocation": allocation,
            "loan_status": loan.status,
        },
    )
    return payment


def _totals(payment: Payment) -> dict:
    return {k: getattr(payment, k) for k in ("penal", "fees", "interest", "principal", "excess")}
