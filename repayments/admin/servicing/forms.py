"""The console's distress-servicing forms. They parse only: the services check every rule
(the settlement's installments by the same function the API's go through)."""

from django import forms

from loans.forms import AmountField
from loans.models import LoanProduct, ProposalKind, WriteOffKind
from repayments.services.servicing.settlements import MAX_INSTALLMENTS


class ProposeForm(forms.Form):
    loan = forms.IntegerField(min_value=1, label="Loan id")
    kind = forms.ChoiceField(choices=ProposalKind.choices)
    reason = forms.CharField(max_length=300, widget=forms.Textarea(attrs={"rows": 2, "cols": 60}))
    write_off_kind = forms.ChoiceField(
        choices=WriteOffKind.choices, required=False, label="Write-off kind"
    )
    amount = AmountField(
        max_digits=14, decimal_places=2, required=False, label="Settlement amount (₹)"
    )
    grace_days = forms.IntegerField(
        min_value=0,
        max_value=90,
        required=False,
        label="Settlement grace (days)",
        help_text="Days after an installment's date before a shortfall breaks the settlement; "
        "empty: the default.",
    )
    annual_rate = forms.DecimalField(
        max_digits=7, decimal_places=4, required=False, label="New annual rate (%)"
    )
    tenure = forms.IntegerField(
        min_value=1, max_value=120, required=False, label="New tenure (installments)"
    )
    installment = AmountField(
        max_digits=14,
        decimal_places=2,
        required=False,
        label="Or new installment amount (₹)",
        help_text="Instead of a tenure: the tenure becomes the shortest whose installment "
        "is at most this.",
    )


class SettlementInstallmentForm(forms.Form):
    due_date = forms.DateField(required=False, label="Pay by", help_text="YYYY-MM-DD")
    amount = AmountField(max_digits=14, decimal_places=2, required=False, label="Amount (₹)")

    def clean(self):
        data = super().clean()
        if bool(data.get("due_date")) != (data.get("amount") is not None):
            raise forms.ValidationError("Give both the date and the amount, or neither.")
        return data


SettlementInstallmentFormSet = forms.formset_factory(
    SettlementInstallmentForm, extra=MAX_INSTALLMENTS, max_num=MAX_INSTALLMENTS, validate_max=True
)


def installments_from(formset) -> list[dict]:
    """The filled rows, in the order entered (the service refuses dates that do not rise)."""
    return [
        {"due_date": f.cleaned_data["due_date"], "amount": f.cleaned_data["amount"]}
        for f in formset.forms
        if f.cleaned_data.get("due_date")
    ]


class DecideForm(forms.Form):
    note = forms.CharField(
        max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60})
    )


class RejectForm(forms.Form):
    note = forms.CharField(
        label="Reason for rejecting",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 60}),
    )


class MoratoriumForm(forms.Form):
    name = forms.CharField(max_length=120, help_text="e.g. Cyclone Michaung, Chennai")
    start = forms.DateField(help_text="YYYY-MM-DD: installments due from this day are deferred.")
    installments = forms.IntegerField(min_value=1, max_value=12, label="Installments deferred")
    loans = forms.CharField(
        required=False,
        label="Loan ids",
        help_text="Comma-separated (filled in when you come from the loan list). Empty: every "
        "active loan of the product and place below.",
        widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
    )
    product = forms.ModelChoiceField(queryset=LoanProduct.objects.order_by("name"), required=False)
    place = forms.CharField(
        max_length=60,
        required=False,
        label="District, town or PIN code",
        help_text="Matched in the borrower's address (a 6-digit PIN code, or a name).",
    )

    def clean_loans(self):
        text = self.cleaned_data["loans"].replace(" ", "").replace("\n", ",").strip(",")
        try:
            return sorted({int(x) for x in text.split(",") if x}) if text else []
        except ValueError:
            raise forms.ValidationError("Loan ids are numbers separated by commas.") from None

    def clean(self):
        data = super().clean()
        if not data.get("loans") and not data.get("product") and not data.get("place"):
            raise forms.ValidationError(
                "Choose the loans: select them in the loan list, or give a product or a place."
            )
        return data
