"""Demo payment histories for `manage.py seed_demo`, on the active loans loans/demo.py
opened in the past: payments on time, late, partial, a prepayment (the product
re-amortizes by reducing the tenure) and a foreclosure that closes a loan. Some dues are
left unpaid on purpose, so the day-end has overdue loans to work on.

Everything goes through payment_post as the seeded finance officer (or the loan officer,
for cash), each payment booked on its own day (`business_date=paid_on`, so the 7-day
backdating rule holds as it did then). Idempotent: every payment has a fixed UTR, a loan's
history is posted all or nothing, and a second run finds every UTR and posts nothing.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from accounts.models import User
from accounts.roles import FINANCE, LOAN_OFFICER
from lendingsite.dates import today_ist
from loans.models import Installment, Loan, LoanStatus
from repayments.models import Channel, Payment, PaymentSource
from repayments.selectors import foreclosure_quote
from repayments.services.payments import payment_post

HALF = Decimal("0.5")
CENT = Decimal("0.01")


@dataclass(frozen=True)
class Step:
    kind: str  # on_time | late | partial | prepaid | foreclosed
    installment: int  # the installment the payment is about (its due date anchors paid_on)
    days_after_due: int = 0
    extra: Decimal = Decimal("0.00")  # prepaid: paid beyond the installment
    channel: str = Channel.NEFT


# The application purpose of a demo loan (loans/demo.py's key) and its history.
HISTORIES: dict[str, list[Step]] = {
    "Demo: cold storage": [
        Step("on_time", 1, channel=Channel.NACH),
        Step("late", 2, days_after_due=12, channel=Channel.UPI),
        Step("partial", 3, channel=Channel.CASH),
    ],
    "Demo: medical bills": [
        Step("on_time", 1, channel=Channel.NACH),
        Step("prepaid", 2, extra=Decimal("50000.00"), channel=Channel.NEFT),
    ],
    "Demo: refrigerator": [
        Step("on_time", 1, channel=Channel.UPI),
        Step("foreclosed", 1, days_after_due=15, channel=Channel.IMPS),
    ],
    "Demo: phone": [  # vikram's closed loan (loans/demo.py)
        Step("on_time", 1, channel=Channel.UPI),
        Step("foreclosed", 1, days_after_due=10, channel=Channel.UPI),
    ],
}


UTR_PREFIX = "DEMOPAY"


def _utr(loan: Loan, number: int) -> str:
    return f"{UTR_PREFIX}{loan.pk:06d}N{number}"


def _amount(step: Step, loan: Loan, installment: Installment, paid_on: date) -> Decimal:
    if step.kind == "foreclosed":
        return foreclosure_quote(loan=loan, as_of=paid_on).total
    due = installment.outstanding
    if step.kind == "partial":
        return (due * HALF).quantize(CENT)
    return due + step.extra


def _post_history(loan: Loan, steps: list[Step], *, people: dict, today: date) -> int:
    """Post the steps still missing, oldest first; returns how many were posted."""
    posted = 0
    known = set(Payment.objects.filter(loan=loan).values_list("utr", flat=True))
    for number, step in enumerate(steps, start=1):
        utr = _utr(loan, number)
        if utr in known:
            continue
        installment = Installment.objects.get(loan=loan, number=step.installment)
        paid_on = installment.due_date + timedelta(days=step.days_after_due)
        if paid_on > today:
            break  # the story has not got this far yet; a later run carries on
        loan = Loan.objects.get(pk=loan.pk)  # the status is protected: re-read, never reassign
        if loan.status != LoanStatus.ACTIVE:
            break
        payment_post(
            acting_user=people[LOAN_OFFICER if step.channel == Channel.CASH else FINANCE],
            loan=loan,
            amount=_amount(step, loan, installment, paid_on),
            paid_on=paid_on,
            channel=step.channel,
            utr=utr,
            source=PaymentSource.ADMIN,
            business_date=paid_on,
        )
        posted += 1
    return posted


def repayments_demo_seed(*, domain: str, today: date | None = None) -> str:
    """Post what is missing; return the one-line summary seed_demo prints."""
    today = today or today_ist()
    people = {
        role: User.objects.get(email=f"{role.replace('_', '.')}@{domain}")
        for role in (LOAN_OFFICER, FINANCE)
    }
    loans = Loan.objects.filter(
        application__purpose__in=HISTORIES, borrower__email__endswith=f"@{domain}"
    ).select_related("application")
    created = 0
    for loan in loans.order_by("pk"):
        if loan.disbursed_on is None:
            continue
        with transaction.atomic():
            created += _post_history(
                loan, HISTORIES[loan.application.purpose], people=people, today=today
            )
    return _summary(loans, created)


def _summary(loans, created: int) -> str:
    ids = [loan.pk for loan in loans]
    payments = Payment.objects.filter(loan_id__in=ids, utr__startswith=UTR_PREFIX)
    statuses = sorted(Loan.objects.filter(pk__in=ids).values_list("status", flat=True))
    return (
        f"Payments demo: {payments.count()} payments on {len(ids)} loans "
        f"(on time, late, partial, prepaid, foreclosed; loans now {', '.join(statuses)}); "
        f"{created} posted this run."
    )
