"""Borrower auth forms. They check shape only (required, email format); the rules (password
policy, phone, tokens, quotas) are in accounts.services.auth, whose refusals the views put
back on the form with `add_refusal`."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from lendingsite.errors import DomainError

PASSWORD_HELP = (
    "At least 12 characters. A few unrelated words make a strong password that is easy to "
    "remember. Don't use your email address or your name."
)


def _email_field() -> forms.EmailField:
    return forms.EmailField(
        label="Email",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
        error_messages={
            "required": "Enter your email address.",
            "invalid": "Enter an email address like name@example.com.",
        },
    )


def _password_field(label: str, autocomplete: str) -> forms.CharField:
    return forms.CharField(
        label=label,
        strip=False,
        help_text=PASSWORD_HELP,
        widget=forms.PasswordInput(attrs={"autocomplete": autocomplete}),
        error_messages={"required": "Enter a password."},
    )


def add_refusal(form: forms.Form, exc: DomainError) -> None:
    """Show a service's refusal on the form: per-field messages next to their fields,
    anything else at the top."""
    placed = False
    for field, messages in (exc.errors or {}).items():
        target = field if field in form.fields else None
        for message in messages:
            form.add_error(target, message)
            placed = True
    if not placed:
        form.add_error(None, exc.detail)


class EmailAuthenticationForm(AuthenticationForm):
    """Django's login form (it passes `request` to authenticate(), which django-axes needs),
    labelled for what people actually type: their email."""

    error_messages = {
        "invalid_login": (
            "That email and password don't match an account. Check them and try again, or "
            "reset your password."
        ),
        "inactive": "This account has been closed. Contact us if you think that is wrong.",
    }

    def __init__(self, request=None, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(request, *args, **kwargs)
        self.fields["username"] = _email_field()
        self.fields["password"].label = "Password"
        self.fields["password"].error_messages["required"] = "Enter your password."


class _Form(forms.Form):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")  # labels read "Email", not "Email:"
        super().__init__(*args, **kwargs)


class RegisterForm(_Form):
    full_name = forms.CharField(
        label="Full name",
        max_length=150,
        help_text="As it appears on your PAN card.",
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"required": "Enter your full name."},
    )
    email = _email_field()
    phone = forms.CharField(
        label="Mobile number",
        max_length=20,
        help_text="A 10-digit Indian mobile number.",
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
        error_messages={"required": "Enter your mobile number."},
    )
    password = _password_field("Password", "new-password")
    referral_code = forms.CharField(
        label="Referral code (optional)",
        max_length=20,
        required=False,
        help_text="If a friend referred you, their code, e.g. 7K3M-Q9TX-2HBR.",
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Name first on this form, so the email field should not grab focus.
        self.fields["email"].widget.attrs.pop("autofocus", None)


class EmailForm(_Form):
    email = _email_field()


class NewPasswordForm(_Form):
    password = _password_field("New password", "new-password")
