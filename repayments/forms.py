"""Officer console forms for payments. They only parse what an officer typed; every limit
(amount range, dates, duplicate UTR, loan status, who may post, reverse or refund) is the
service's, and a refusal comes back as a form error in the service's own words
(`place_refusal`)."""

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect

from lendingsite.dates import today_ist
from lendingsite.errors import DomainError
from loans.forms import AmountField
from loans.models import Loan
from repayments.models import MONEY, Channel, CreditRefund, Payment

DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def place_refusal(form: forms.Form, exc: DomainError) -> None:
    """Show the service's sentence next to the field it is about (the first field it names
    that the form has), or above the form when it is about no field of this form."""
    field = next((name for name in exc.errors if name in form.fields), None)
    form.add_error(field, exc.detail)


def _loan_field(model, help_text: str) -> forms.ModelChoiceField:
    # Every loan is offered: whether this one can take the money is the service's answer
    # (in plain words), not a bare "select a valid choice".
    return forms.ModelChoiceField(
        queryset=Loan.objects.all(),
        widget=AutocompleteSelect(model._meta.get_field("loan"), admin.site),
        help_text=help_text,
    )


class PaymentEntryForm(forms.Form):
    loan = _loan_field(Payment, "Search by loan id or the borrower's email.")
    amount = AmountField(label="Amount (₹)", max_digits=MONEY["max_digits"], decimal_places=2)
    paid_on = forms.DateField(
        label="Paid on",
        initial=today_ist,
        widget=DATE_WIDGET,
        help_text="The day the money reached us: today or up to 7 days back.",
    )
    channel = forms.ChoiceField(choices=Channel.choices)
    utr = forms.CharField(
        label="UTR / reference",
        max_length=Payment._meta.get_field("utr").max_length,
        help_text="The bank's transaction reference (or receipt number for cash and cheques).",
    )


class PaymentReverseForm(forms.Form):
    reason = forms.CharField(
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
        help_text="Why the payment is being reversed (a bounced cheque, a wrong loan…).",
    )


class CreditRefundForm(forms.Form):
    loan = _loan_field(CreditRefund, "The loan whose credit balance (overpayment) is refunded.")
    amount = AmountField(label="Amount (₹)", max_digits=MONEY["max_digits"], decimal_places=2)
    reference = forms.CharField(
        label="Bank reference (UTR)",
        max_length=CreditRefund._meta.get_field("reference").max_length,
        help_text="The reference of the transfer back to the borrower.",
    )
    refunded_on = forms.DateField(label="Refunded on", initial=today_ist, widget=DATE_WIDGET)
