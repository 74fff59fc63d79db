"""The borrower's bank account form: shape only (the two number entries agree); the IFSC,
the number's format and the name check are the service's (accounts.services.bank_accounts),
whose refusals the view puts back on the form."""

from django import forms

from portal.forms.accounts import _Form


class BankAccountForm(_Form):
    holder_name = forms.CharField(
        label="Name on the account",
        max_length=150,
        help_text="As the bank has it; it must be the name on your PAN card.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "Enter the name on the account."},
    )
    account_number = forms.CharField(
        label="Account number",
        max_length=40,
        help_text="9 to 18 digits, from your cheque book or passbook.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": "Enter the account number."},
    )
    account_number_again = forms.CharField(
        label="Account number again",
        max_length=40,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={"required": "Type the account number a second time."},
    )
    ifsc = forms.CharField(
        label="IFSC",
        max_length=20,
        help_text="11 characters, printed on your cheque leaf (for example HDFC0000184).",
        widget=forms.TextInput(attrs={"autocapitalize": "characters", "autocomplete": "off"}),
        error_messages={"required": "Enter the branch's IFSC."},
    )

    def clean(self):
        data = super().clean()
        first = "".join((data.get("account_number") or "").split())
        second = "".join((data.get("account_number_again") or "").split())
        if first and second and first != second:
            self.add_error("account_number_again", "The two account numbers differ.")
        return data

    def service_fields(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in ("holder_name", "account_number", "ifsc")}
