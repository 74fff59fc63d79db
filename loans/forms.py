"""Loan forms and their fields: the borrower's (the calculator), and the pieces the officer
console's pages share (an amount field, `loan_from_form`). They check shape only (a number,
a whole number, a known product or loan); the rules (product limits, rate range, schedule
terms) are the services', whose refusals `add_refusal` puts back on the form next to the
field they are about."""

from decimal import Decimal

from django import forms

from lendingsite.errors import DomainError
from lendingsite.money import AmountInvalid, amount_parse, format_inr, format_rate
from loans.models import Loan
from loans.services.products import MAX_ANNUAL_RATE, MAX_TENURE, products_for


class AmountField(forms.DecimalField):
    """Rupees as people type them: "1,00,000", "100,000", "₹ 50000" and "50000.50" all work.
    Once the rupee sign and the blanks around are gone, what is left must be an amount by
    lendingsite.money.amount_parse (the API's rule, with thousands separators): "1e5",
    "१००" or "50 000" is not an amount."""

    def to_python(self, value):
        if isinstance(value, str):
            value = value.replace("₹", "").strip()
            if value:
                try:
                    amount_parse(
                        value,
                        digits=self.max_digits or 100,
                        places=self.decimal_places if self.decimal_places is not None else 100,
                        signed=True,  # the field's min_value says what is wrong with "-5"
                        grouping=True,
                    )
                except AmountInvalid as exc:
                    # Too many places or digits: the field's own validators say so, in
                    # the words its error_messages give them.
                    if exc.kind == "format":
                        raise forms.ValidationError(
                            self.error_messages["invalid"], code="invalid"
                        ) from None
                value = value.replace(",", "")
        return super().to_python(value)


def loan_from_form(form: forms.Form, field: str = "loan") -> Loan | None:
    """The loan whose id the (valid) console form holds in `field`; None, with "No such
    loan." on that field, when there is none. The console pages that act on a loan typed
    by its number (a loan's security, the proposals) find it here."""
    try:
        return Loan.objects.get(pk=form.cleaned_data[field])
    except Loan.DoesNotExist:
        form.add_error(field, "No such loan.")
        return None


class ProductChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return (
            f"{obj.name}: {format_inr(obj.min_amount)} to {format_inr(obj.max_amount)}, "
            f"{obj.min_tenure} to {obj.max_tenure} installments, from {format_rate(obj.min_rate)}% a year"
        )


def _text_input(**attrs) -> forms.TextInput:
    # Text inputs with a numeric keyboard: type=number would refuse "1,00,000" and spin.
    return forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", **attrs})


class CalculatorForm(forms.Form):
    product = ProductChoiceField(
        queryset=None,
        to_field_name="code",
        required=False,
        empty_label="No product: I will enter a rate",
        label="Loan product",
        help_text="Its rate, fees and terms are used. Or leave it and enter a rate below.",
        error_messages={"invalid_choice": "Choose one of the products in the list."},
    )
    amount = AmountField(
        label="Amount (₹)",
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("1.00"),
        widget=_text_input(),
        help_text="For example 2,00,000.",
        error_messages={
            "required": "Enter the amount you want to borrow.",
            "invalid": "Enter the amount in rupees, like 200000 or 2,00,000.",
            "min_value": "The amount must be at least ₹1.",
            "max_digits": "That amount is too large.",
            "max_whole_digits": "That amount is too large.",
            "max_decimal_places": "Use at most 2 decimal places (paise).",
        },
    )
    tenure = forms.IntegerField(
        label="Number of installments",
        min_value=1,
        max_value=MAX_TENURE,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text="Monthly installments for most products: 24 is two years.",
        error_messages={
            "required": "Enter how many installments you want to repay in.",
            "invalid": "Enter a whole number of installments, like 24.",
            "min_value": "The tenure must be at least 1 installment.",
            "max_value": f"The tenure can be at most {MAX_TENURE} installments.",
        },
    )
    annual_rate = forms.DecimalField(
        label="Interest rate (% a year)",
        required=False,
        max_digits=7,
        decimal_places=4,
        min_value=Decimal("0"),
        max_value=MAX_ANNUAL_RATE,
        widget=_text_input(),
        help_text="Needed when no product is chosen; with a product, its rate is the default.",
        error_messages={
            "invalid": "Enter the rate as a number, like 12 or 12.5.",
            "min_value": "The rate cannot be negative.",
            "max_value": f"The rate can be at most {MAX_ANNUAL_RATE}%% a year.",
            "max_digits": "That rate is too large.",
            "max_whole_digits": "That rate is too large.",
            "max_decimal_places": "Use at most 4 decimal places.",
        },
    )

    # The service speaks in API field names; this form calls the principal "amount".
    SERVICE_FIELDS = {"principal": "amount"}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = products_for(user)

    def add_refusal(self, exc: DomainError) -> None:
        """Show a service's refusal next to the field it is about (else at the top)."""
        placed = False
        for name, messages in (exc.errors or {}).items():
            field = self.SERVICE_FIELDS.get(name, name)
            for message in messages:
                self.add_error(field if field in self.fields else None, message)
                placed = True
        if not placed:
            self.add_error(None, exc.detail)
