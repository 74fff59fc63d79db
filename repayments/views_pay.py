"""The borrower's pay page (/loans/<id>/pay/): how to pay (UPI, bank transfer, with the
loan's reference), the amount due now, and "Pay now" through the sandbox gateway.

"Pay now" plays the gateway: it builds the sandbox notice and delivers it SIGNED through
repayments.gateways.sandbox.sandbox_send, i.e. the webhook's own path (signature check,
idempotency on the gateway's payment id, payment_post). This view never posts a payment
itself, so what the borrower sees is exactly what a real gateway delivery would do.
"""

from datetime import date
from decimal import Decimal

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from accounts.duties import borrower_capacity_check
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.forms import AmountField
from loans.models import Installment, Loan
from loans.selectors import OWING, installment_unpaid, loans_with_balances
from loans.templatetags.money import format_inr
from repayments.gateways.base import webhook_secrets
from repayments.gateways.sandbox import NAME as SANDBOX
from repayments.gateways.sandbox import sandbox_send

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


def loan_reference(loan: Loan) -> str:
    """What the borrower writes in the remarks of a transfer so we can match it."""
    return f"LS-{loan.pk}"


class PayNowForm(forms.Form):
    amount = AmountField(
        label="Amount to pay (₹)",
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("1.00"),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}),
        help_text="Filled in with what is due now (or your next installment); you can change it.",
        error_messages={
            "required": "Enter the amount you want to pay.",
            "invalid": "Enter an amount in rupees, like 5000 or 5,000.50.",
            "min_value": "The amount must be at least ₹1.",
            "max_digits": "That amount is too large.",
            "max_whole_digits": "That amount is too large.",
            "max_decimal_places": "Use at most 2 decimal places (paise).",
        },
    )

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


def amount_due_now(loan: Loan, *, on: date) -> Decimal:
    """Everything unpaid on installments due on or before `on` (overdue and due today)."""
    total = (
        Installment.objects.filter(loan=loan, due_date__lte=on)
        .annotate(unpaid=installment_unpaid())
        .filter(unpaid__gt=0)
        .aggregate(t=Sum("unpaid"))["t"]
    )
    return total or ZERO


def sandbox_enabled() -> bool:
    """Pay now is offered only where the sandbox gateway has a secret (never by default in
    production)."""
    return bool(webhook_secrets(SANDBOX))


def _context(loan: Loan, form: PayNowForm, *, due_now: Decimal) -> dict:
    return {
        "loan": loan,
        "reference": loan_reference(loan),
        "instructions": settings.PAYMENT_INSTRUCTIONS,
        "due_now": due_now,
        "form": form,
        "sandbox": sandbox_enabled(),
        "payable": loan.status in OWING,
    }


@login_required
@require_http_methods(["GET", "POST"])
def pay_page(request, pk: int):
    loan = get_object_or_404(
        loans_with_balances(Loan.objects.filter(borrower=request.user)).select_related("product"),
        pk=pk,
    )
    today = today_ist()
    due_now = amount_due_now(loan, on=today) if loan.status in OWING else ZERO
    # SQLite hands annotated sums back with extra places; the form shows rupees and paise.
    suggested = Decimal(due_now or loan.next_due_amount or ZERO).quantize(CENT)
    if request.method == "GET":
        form = PayNowForm(initial={"amount": suggested} if suggested else None)
        return render(request, "borrower/pay.html", _context(loan, form, due_now=due_now))

    form = PayNowForm(request.POST)
    status = 200
    try:
        borrower_capacity_check(user=request.user)
    except DomainError as exc:
        form.add_error(None, exc.detail)
        return render(
            request, "borrower/pay.html", _context(loan, form, due_now=due_now), status=exc.status
        )
    if not sandbox_enabled():
        form.add_error(None, "Paying online is not available here; use UPI or a bank transfer.")
        status = 409
    elif form.is_valid():
        try:
            # No reference: the gateway's own payment id then makes the UTR
            # ("sandbox:<id>"), unique per payment as UTRs must be.
            outcome = sandbox_send(loan_id=loan.pk, amount=form.cleaned_data["amount"])
        except DomainError as exc:
            # The service's sentence, not the API's terse field note, next to the amount.
            form.add_error("amount" if "amount" in exc.errors else None, exc.detail)
            status = 200 if exc.code == "validation_error" else exc.status
        else:
            payment = outcome.payment
            messages.success(
                request,
                f"Thank you: your payment of {format_inr(payment.amount)} is received "
                f"(reference {payment.utr}).",
            )
            return redirect("borrower:loan", pk=loan.pk)
    return render(
        request, "borrower/pay.html", _context(loan, form, due_now=due_now), status=status
    )
