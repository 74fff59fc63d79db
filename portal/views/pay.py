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
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from accounts.duties import borrower_capacity_check
from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from lendingsite.money import format_inr
from loans.arrears import Arrears, as_of_for_today
from loans.forms import AmountField
from loans.models import Loan
from loans.selectors import OWING, loan_arrears, loans_with_arrears
from repayments.gateways.base import webhook_secrets
from repayments.gateways.sandbox import NAME as SANDBOX
from repayments.gateways.sandbox import sandbox_send
from repayments.models import ExitRequest, ExitRequestStatus
from repayments.selectors.exits import exit_amounts

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


def sandbox_enabled() -> bool:
    """Pay now is offered only where the sandbox gateway has a secret (never by default in
    production)."""
    return bool(webhook_secrets(SANDBOX))


def _context(loan: Loan, form: PayNowForm, *, arrears: Arrears) -> dict:
    return {
        "loan": loan,
        "reference": loan_reference(loan),
        "instructions": settings.PAYMENT_INSTRUCTIONS,
        "arrears": arrears,
        "due_now": arrears.due_next_day,
        "form": form,
        "sandbox": sandbox_enabled(),
        "payable": loan.status in OWING,
    }


def _open_exit(loan: Loan, *, today: date) -> dict | None:
    """Today's row of the loan's open cooling-off exit request, if it has one."""
    request = ExitRequest.objects.filter(loan=loan, status=ExitRequestStatus.OPEN).first()
    if request is None or request.pay_by < today:
        return None
    request.loan = loan
    rows = exit_amounts(request, today=today)
    return {**rows[0], "pay_by": request.pay_by} if rows else None


@login_required
@require_http_methods(["GET", "POST"])
def pay_page(request, pk: int):
    loan = get_object_or_404(loans_with_arrears(Loan.objects.filter(borrower=request.user)), pk=pk)
    # Due now: the arrears at the end of yesterday (loans.arrears) and what falls due today.
    today = today_ist()
    arrears = loan_arrears(loan, as_of=as_of_for_today(today))
    suggested = (arrears.due_next_day or arrears.upcoming_amount or ZERO).quantize(CENT)
    if request.method == "GET":
        # A borrower who asked to cancel is offered what cancels the loan today.
        exiting = _open_exit(loan, today=today)
        if exiting is not None:
            suggested = exiting["total"]
        form = PayNowForm(initial={"amount": suggested} if suggested else None)
        context = {**_context(loan, form, arrears=arrears), "exiting": exiting}
        return render(request, "borrower/pay.html", context)

    form = PayNowForm(request.POST)
    status = 200
    try:
        borrower_capacity_check(user=request.user)
    except DomainError as exc:
        form.add_error(None, exc.detail)
        return render(
            request, "borrower/pay.html", _context(loan, form, arrears=arrears), status=exc.status
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
            text = (
                f"Thank you: your payment of {format_inr(payment.amount)} is received "
                f"(reference {payment.utr})."
            )
            if ExitRequest.objects.filter(payment=payment).exists():
                text += f" Loan #{loan.pk} is cancelled, as you asked: nothing more is owed."
            messages.success(request, text)
            return redirect("borrower:loan", pk=loan.pk)
    return render(
        request, "borrower/pay.html", _context(loan, form, arrears=arrears), status=status
    )
