"""Forms of the borrower's loan pages (apply, foreclosure quote).
They check shape only; every rule (product limits, eligibility, what a foreclosure costs) is a
service's, whose refusals `add_refusal` puts back next to the field they are about."""

from decimal import Decimal

from django import forms

from lendingsite.errors import DomainError
from loans.forms import AmountField, ProductChoiceField
from loans.services.products import MAX_TENURE, products_for
from portal.forms.accounts import add_refusal


def _money_input(**attrs) -> forms.TextInput:
    # A text input with a numeric keyboard: type=number would refuse "1,00,000".
    return forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", **attrs})


def _amount(label: str, *, help_text: str = "", required_message: str = ""):
    """Rupees; optional unless `required_message` says what to ask for."""
    return AmountField(
        label=label,
        required=bool(required_message),
        max_digits=14,
        decimal_places=2,
        min_value=Decimal("0.00"),
        widget=_money_input(),
        help_text=help_text,
        error_messages={
            "invalid": "Enter an amount in rupees, like 50000 or 50,000.",
            "min_value": "The amount cannot be negative.",
            "max_digits": "That amount is too large.",
            "max_whole_digits": "That amount is too large.",
            "max_decimal_places": "Use at most 2 decimal places (paise).",
            "required": required_message,
        },
    )


class _Form(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    def add_refusal(self, exc: DomainError) -> None:
        add_refusal(self, exc)


class ApplyForm(_Form):
    """What a borrower applies for. With `preview=True` only the fields the installment
    preview needs are required (the "Preview" button must not nag about the purpose)."""

    PREVIEW_FIELDS = ("product", "amount", "tenure")

    product = ProductChoiceField(
        queryset=None,
        to_field_name="code",
        label="Loan product",
        empty_label="Choose a product",
        error_messages={
            "required": "Choose the loan product you want.",
            "invalid_choice": "Choose one of the products in the list.",
        },
    )
    amount = _amount(
        "Amount you want to borrow (₹)",
        help_text="For example 2,00,000.",
        required_message="Enter the amount you want to borrow.",
    )
    tenure = forms.IntegerField(
        label="Number of monthly installments",
        min_value=1,
        max_value=MAX_TENURE,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        help_text="24 installments is two years.",
        error_messages={
            "required": "Enter how many installments you want to repay in.",
            "invalid": "Enter a whole number of installments, like 24.",
            "min_value": "The tenure must be at least 1 installment.",
            "max_value": f"The tenure can be at most {MAX_TENURE} installments.",
        },
    )
    purpose = forms.CharField(
        label="What is the loan for?",
        max_length=200,
        help_text="A few words, for example “home renovation” or “stock for my shop”.",
        error_messages={
            "required": "Tell us what the loan is for.",
            "max_length": "Keep the purpose under 200 characters.",
        },
    )
    monthly_income = _amount(
        "Your monthly income after tax (₹)",
        help_text="What reaches your bank account each month.",
        required_message="Enter your monthly income.",
    )
    existing_emis = _amount(
        "EMIs you already pay each month (₹)",
        help_text="The total of installments on your other loans and cards; 0 if none.",
    )

    # The application service names the amount "amount" too; the quote service calls it
    # "principal".
    SERVICE_FIELDS = {"principal": "amount"}

    def __init__(self, *args, user=None, preview: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = products_for(user).filter(is_active=True)
        if preview:
            for name, field in self.fields.items():
                field.required = name in self.PREVIEW_FIELDS

    def clean_existing_emis(self):
        return self.cleaned_data.get("existing_emis") or Decimal("0.00")

    def add_refusal(self, exc: DomainError) -> None:
        errors = {self.SERVICE_FIELDS.get(k, k): v for k, v in (exc.errors or {}).items()}
        add_refusal(self, DomainError(exc.code, exc.detail, errors=errors))


class ForeclosureQuoteForm(_Form):
    """A GET form: the date the borrower would like to close the loan on."""

    as_of = forms.DateField(
        label="Close the loan on",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        input_formats=["%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y"],
        help_text="Choose a date from today on; the amount includes interest up to that day.",
        error_messages={
            "required": "Choose the date you want to close the loan on.",
            "invalid": "Enter the date as day/month/year, like 25/12/2026.",
        },
    )
