"""Credit refunds and charges (DESIGN §5, §6). Part of the payment services' contract:
import them from repayments.services.payments."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.db.models import F

from lendingsite.audit import audit_record, refusals_audited
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from lendingsite.utr import utr_canonical
from loans import ledger
from loans.models import Installment, Loan, LoanStatus
from repayments.models import Charge, ChargeKind, CreditRefund
from repayments.selectors import credit_balance
from repayments.services.base import REFUND_PERM, loan_lock, money_parse


@refusals_audited("credit.refund_refused")
@transaction.atomic
def credit_refund(
    *, acting_user, loan: Loan, amount: Decimal, reference: str, refunded_on: date | None = None
) -> CreditRefund:
    """Pay a borrower back from their credit balance (an overpayment): Dr Borrower Credit,
    Cr Bank. Never more than the balance."""
    if not acting_user.has_perm(REFUND_PERM):
        raise DomainError("permission_denied", "Only finance can refund a borrower's credit.")
    amount = money_parse(amount, "amount")
    # The refund's reference is the UTR of our transfer back: the same canonical form.
    reference = utr_canonical(reference, field="reference")
    today = today_ist()
    refunded_on = refunded_on or today
    if refunded_on > today:
        raise DomainError(
            "future_dated",
            "The refund date cannot be in the future.",
            errors={"refunded_on": ["in the future"]},
        )
    loan = loan_lock(loan)
    available = credit_balance(loan)
    if amount <= 0 or amount > available:
        raise DomainError(
            "validation_error",
            f"Loan #{loan.pk} has a credit balance of ₹{max(available, Decimal(0)):,.2f}; a refund must be more than zero and not more than that.",
            errors={
                "amount": [
                    "more than the credit balance" if amount > 0 else "must be more than zero"
                ]
            },
        )
    entry = ledger.journal_post(
        entry_date=refunded_on,
        kind="credit_refund",
        loan=loan,
        reference=reference,
        acting_user=acting_user,
        memo=f"Refund of credit balance on loan #{loan.pk}",
        lines=[ledger.Dr(ledger.BORROWER_CREDIT, amount), ledger.Cr(ledger.BANK, amount)],
    )
    refund = CreditRefund.objects.create(
        loan=loan,
        amount=amount,
        refunded_on=refunded_on,
        reference=reference[:64],
        refunded_by=acting_user,
        journal_entry=entry,
    )
    audit_record(
        action="credit.refunded",
        actor=acting_user,
        target=refund,
        before={"credit_balance": available},
        after={
            "loan": loan.pk,
            "amount": amount,
            "reference": reference,
            "credit_balance": available - amount,
        },
    )
    return refund


@refusals_audited("charge.levy_refused")
@transaction.atomic
def charge_levy(
    *,
    loan: Loan,
    installment: Installment,
    kind: str,
    amount: Decimal,
    charged_on: date,
    reason: str = "",
    acting_user=None,
) -> Charge:
    """Levy a penal charge or fee on one installment that has fallen due, once per kind.
    Effects (the day-end's set-based levy reproduces exactly these, see docs/payments.md):
    a Charge row; installment.penal_due (or fees_due) += amount; one entry Dr Charges
    Receivable / Cr Charges Suspense (income only when paid); an audit event."""
    if kind not in ChargeKind.values:
        raise DomainError(
            "validation_error", f"Unknown charge kind {kind!r}.", errors={"kind": ["unknown"]}
        )
    amount = money_parse(amount, "amount")
    if amount <= 0:
        raise DomainError(
            "validation_error",
            "A charge must be more than zero.",
            errors={"amount": ["must be more than zero"]},
        )
    loan = loan_lock(loan)
    installment = Installment.objects.select_for_update().get(pk=installment.pk)
    if installment.loan_id != loan.pk:
        raise DomainError(
            "validation_error",
            "That installment belongs to another loan.",
            errors={"installment": ["wrong loan"]},
        )
    if loan.status != LoanStatus.ACTIVE:
        raise DomainError(
            "loan_not_active",
            f"Loan #{loan.pk} is {loan.get_status_display().lower()}; charges apply only to active loans.",
        )
    if installment.due_date > charged_on:
        raise DomainError(
            "validation_error",
            f"Installment {installment.number} falls due on {installment.due_date:%d %b %Y}; it cannot be charged before then.",
            errors={"charged_on": ["before the due date"]},
        )
    if installment.outstanding <= 0:
        raise DomainError(
            "invalid_state",
            f"Installment {installment.number} of loan #{loan.pk} is paid; there is nothing to charge on it.",
        )
    if Charge.objects.filter(installment=installment, kind=kind).exists():
        raise DomainError(
            "duplicate",
            f"Installment {installment.number} of loan #{loan.pk} already carries a {kind} charge.",
            errors={"kind": ["already charged"]},
        )
    entry = ledger.journal_post(
        entry_date=charged_on,
        kind="charge",
        loan=loan,
        reference=f"charge:{installment.pk}:{kind}",
        acting_user=acting_user,
        memo=reason or f"{ChargeKind(kind).label} on installment {installment.number}",
        lines=[
            ledger.Dr(ledger.CHARGES_RECEIVABLE, amount),
            ledger.Cr(ledger.CHARGES_SUSPENSE, amount),
        ],
    )
    charge = Charge.objects.create(
        loan=loan,
        installment=installment,
        kind=kind,
        amount=amount,
        charged_on=charged_on,
        reason=reason[:200],
        journal_entry=entry,
    )
    field = "penal_due" if kind == ChargeKind.PENAL else "fees_due"
    Installment.objects.filter(pk=installment.pk).update(**{field: F(field) + amount}, paid_on=None)
    audit_record(
        action="charge.levied",
        actor=acting_user,
        target=charge,
        after={
            "loan": loan.pk,
            "installment": installment.number,
            "kind": kind,
            "amount": amount,
            "charged_on": charged_on,
        },
    )
    return charge
